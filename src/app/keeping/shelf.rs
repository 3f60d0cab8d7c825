//! The Collections pane: the collections with their counts, and inside one its records in
//! order, each with its note. It shows in the list's place while it is the pane chosen.

use super::super::Cursor;
use super::super::browse::Motion;
use crate::data::{Dataset, Kind, RecordRef};
use crate::saved::{Collection, Entry, Saved};

#[derive(Debug, Clone, Default)]
pub struct Shelf {
    shown: bool,
    /// The cursor over the collections.
    names: Cursor,
    /// The collection open, by name, and the cursor over its records.
    open: Option<String>,
    entries: Cursor,
}

impl Shelf {
    pub fn is_shown(&self) -> bool {
        self.shown
    }

    pub fn show(&mut self) {
        self.shown = true;
    }

    pub fn hide(&mut self) {
        self.shown = false;
    }

    pub fn names_cursor(&self) -> Cursor {
        self.names
    }

    pub fn entries_cursor(&self) -> Cursor {
        self.entries
    }

    /// The name of the collection open, if one is (and still exists).
    pub fn open_name(&self) -> Option<&str> {
        self.open.as_deref()
    }

    pub fn open_collection<'s>(&self, saved: &'s Saved) -> Option<&'s Collection> {
        self.open.as_deref().and_then(|name| saved.collection(name))
    }

    /// The collection under the cursor, or the one open.
    pub fn current_collection<'s>(&self, saved: &'s Saved) -> Option<&'s Collection> {
        match &self.open {
            Some(name) => saved.collection(name),
            None => saved.collections.get(self.names.selected),
        }
    }

    pub fn selected_entry<'s>(&self, saved: &'s Saved) -> Option<&'s Entry> {
        self.open_collection(saved)?.entries.get(self.entries.selected)
    }

    /// The record under the cursor, if it is in the dataset.
    pub fn selected_record(&self, data: &Dataset, saved: &Saved) -> Option<RecordRef> {
        self.selected_entry(saved)?.key.resolve(data)
    }

    pub fn enter(&mut self, name: &str) {
        self.open = Some(name.to_string());
        self.entries = Cursor::default();
    }

    /// Back to the list of collections, with the one left selected.
    pub fn leave(&mut self, saved: &Saved) -> bool {
        let Some(name) = self.open.take() else { return false };
        if let Some(at) = saved.collections.iter().position(|c| c.name == name) {
            self.names.selected = at;
        }
        true
    }

    fn len(&self, saved: &Saved) -> usize {
        match &self.open {
            Some(_) => self.open_collection(saved).map_or(0, |c| c.entries.len()),
            None => saved.collections.len(),
        }
    }

    pub fn move_by(&mut self, saved: &Saved, motion: Motion, rows: usize) {
        let len = self.len(saved);
        let cursor = if self.open.is_some() { &mut self.entries } else { &mut self.names };
        cursor.move_by(motion.delta(len), len, rows);
    }

    /// Keep the cursors in range after the collections changed or the list resized. A
    /// collection that went away (deleted by another process's command) closes.
    pub fn keep_valid(&mut self, saved: &Saved, rows: usize) {
        if self.open.as_deref().is_some_and(|name| saved.collection(name).is_none()) {
            self.open = None;
        }
        self.names.keep_visible(saved.collections.len(), rows);
        let len = self.open_collection(saved).map_or(0, |c| c.entries.len());
        self.entries.keep_visible(len, rows);
    }

    /// Put the cursor on the entry at `index` (after a move).
    pub fn select_entry(&mut self, index: usize, len: usize, rows: usize) {
        self.entries.select(index, len, rows);
    }

    /// The quotes of the open collection that are in the dataset, in order, and where
    /// the selected one is among them.
    pub fn quotes(&self, data: &Dataset, saved: &Saved) -> (Vec<RecordRef>, Option<usize>) {
        let Some(collection) = self.open_collection(saved) else { return (Vec::new(), None) };
        let selected = self.selected_record(data, saved);
        let quotes: Vec<RecordRef> =
            collection.entries.iter().filter_map(|e| e.key.resolve(data)).filter(|r| r.kind == Kind::Quote).collect();
        let position = selected.and_then(|s| quotes.iter().position(|q| *q == s));
        (quotes, position)
    }

    /// Restore the pane as a session left it.
    pub fn restore(&mut self, saved: &Saved, collection: Option<&str>, selected: Option<&crate::saved::Key>) {
        self.shown = true;
        let Some(name) = collection.filter(|n| saved.collection(n).is_some()) else { return };
        self.enter(name);
        if let Some(at) = selected.and_then(|k| saved.collection(name).and_then(|c| c.position(k))) {
            self.entries.selected = at;
        }
    }
}
