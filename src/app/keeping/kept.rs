//! The browser's copy of what is kept across runs (`saved::Saved`), the source of every
//! view of marks, collections and history. Each edit changes this copy at once and goes
//! out as an `Effect::Save` for the store's writer, so nothing on screen waits for disk.

use std::collections::HashSet;

use super::super::effect::Effect;
use super::super::request::{Outbox, Request};
use crate::data::{Dataset, RecordRef};
use crate::saved::{Change, DEFAULT_COLLECTION, Key, Saved};

/// Whether edits reach the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Persistence {
    /// Edits are saved.
    On,
    /// Edits stay in memory for this run only (the reason, for the status bar).
    Off(String),
}

#[derive(Debug, Clone)]
pub struct Kept {
    saved: Saved,
    /// Records in any collection, resolved in this dataset (for the list glyph).
    kept: HashSet<RecordRef>,
    persistence: Persistence,
    /// The clock, in Unix seconds, as the run loop last set it (tests fix it).
    now: i64,
}

impl Default for Kept {
    fn default() -> Self {
        Kept {
            saved: Saved::default(),
            kept: HashSet::new(),
            persistence: Persistence::Off("state is not kept in this run".into()),
            now: 0,
        }
    }
}

impl Kept {
    pub fn new(data: &Dataset, saved: Saved, persistence: Persistence) -> Self {
        let mut kept = Kept { saved, kept: HashSet::new(), persistence, now: 0 };
        kept.reindex(data);
        kept
    }

    pub fn saved(&self) -> &Saved {
        &self.saved
    }

    pub fn persistence(&self) -> &Persistence {
        &self.persistence
    }

    pub fn set_persistence(&mut self, persistence: Persistence) {
        self.persistence = persistence;
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    pub fn set_now(&mut self, now: i64) {
        self.now = now;
    }

    /// Whether a record is in any collection.
    pub fn is_kept(&self, record: RecordRef) -> bool {
        self.kept.contains(&record)
    }

    pub fn is_marked(&self, data: &Dataset, record: RecordRef) -> bool {
        let key = Key::of(data, record);
        self.saved.collection(DEFAULT_COLLECTION).is_some_and(|c| c.contains(&key))
    }

    fn reindex(&mut self, data: &Dataset) {
        self.kept =
            self.saved.collections.iter().flat_map(|c| c.entries.iter()).filter_map(|e| e.key.resolve(data)).collect();
    }

    /// Apply an edit here and send it to the store.
    pub fn change(&mut self, data: &Dataset, change: Change, out: &mut Outbox) {
        self.saved.apply(&change);
        if matches!(change, Change::Add { .. } | Change::Remove { .. } | Change::Delete { .. } | Change::Rename { .. })
        {
            self.reindex(data);
        }
        out.send(Request::Run(Effect::Save(change)));
    }

    /// `m`: mark or unmark a record in the default collection.
    pub fn toggle_mark(&mut self, data: &Dataset, record: RecordRef, out: &mut Outbox) {
        let key = Key::of(data, record);
        let collection = DEFAULT_COLLECTION.to_string();
        let label = crate::text::truncate_to_width(&data.label(record), 40);
        if self.is_marked(data, record) {
            self.change(data, Change::Remove { collection, key }, out);
            out.say(format!("Unmarked {label}"));
        } else {
            self.change(data, Change::Add { collection, key }, out);
            out.say(format!("Marked {label}"));
        }
    }

    /// Add a record to a named collection (made if new).
    pub fn add_to(&mut self, data: &Dataset, name: &str, record: RecordRef, out: &mut Outbox) {
        let key = Key::of(data, record);
        let label = crate::text::truncate_to_width(&data.label(record), 30);
        if self.saved.collection(name).is_some_and(|c| c.contains(&key)) {
            out.say(format!("{label} is already in {name}"));
            return;
        }
        self.change(data, Change::Add { collection: name.to_string(), key }, out);
        out.say(format!("Added {label} to {name}"));
    }

    /// Remember a visit (newest last).
    pub fn visited(&mut self, data: &Dataset, record: RecordRef, out: &mut Outbox) {
        let key = Key::of(data, record);
        let at = self.now;
        self.change(data, Change::Visit { key, at }, out);
    }

    /// Remember a query searched for.
    pub fn searched(&mut self, data: &Dataset, text: &str, out: &mut Outbox) {
        let text = text.trim();
        if text.is_empty() || self.saved.queries.last().is_some_and(|q| q == text) {
            return;
        }
        let at = self.now;
        self.change(data, Change::Query { text: text.to_string(), at }, out);
    }
}
