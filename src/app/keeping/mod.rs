//! What the user keeps: marks and collections ([`Kept`], the app's copy of the saved
//! state), the Collections pane ([`Shelf`]), the name and note prompt ([`Prompt`]) and the
//! list of visits across runs ([`Trail`]). Every edit goes out as `Effect::Save`; nothing
//! here waits for the disk.

mod kept;
pub mod prompt;
mod shelf;
pub mod tab;
pub mod trail;

pub use kept::{Kept, Persistence};
pub use prompt::{Prompt, Purpose};
pub use shelf::Shelf;
pub use trail::Trail;

/// The history list's box (see `layout::help_popup`).
pub const TRAIL_BOX: (u16, u16) = (72, u16::MAX);

use super::Action;
use super::browse::Motion;
use super::effect::Effect;
use super::keymap::Context;
use super::request::{Outbox, ReadRequest, Request};
use crate::data::{Dataset, Kind, RecordRef};
use crate::present::export::{self, Format};
use crate::saved::{Change, MAX_NAME_CHARS, clean_line};

#[derive(Debug, Clone, Default)]
pub struct Keeping {
    pub kept: Kept,
    pub shelf: Shelf,
    pub prompt: Option<Prompt>,
    pub trail: Option<Trail>,
    /// The dataset's identity in the store (for exports).
    pub dataset: String,
}

impl Keeping {
    /// The overlay with the keyboard, if one is open.
    pub fn overlay(&self) -> Option<Context> {
        if self.prompt.is_some() {
            Some(Context::Prompt)
        } else if self.trail.is_some() {
            Some(Context::Trail)
        } else {
            None
        }
    }

    /// Keys of the prompt, the history list and the Collections pane, and marking from any
    /// context (`target` is the record the context has selected). False for what it
    /// leaves to the layers below.
    pub fn update(
        &mut self,
        data: &Dataset,
        context: Context,
        action: Action,
        target: Option<RecordRef>,
        rows: usize,
        out: &mut Outbox,
    ) -> bool {
        if action == Action::Quit || action == Action::Suspend {
            return false;
        }
        match context {
            Context::Prompt => {
                self.prompt_key(data, action, out);
                return true;
            }
            Context::Trail => {
                self.trail_key(data, action, rows, out);
                return true;
            }
            Context::Collections if self.shelf_key(data, action, rows, out) => return true,
            _ => {}
        }
        match action {
            Action::Mark => match target {
                Some(record) => self.kept.toggle_mark(data, record, out),
                None => out.say("Nothing selected to mark"),
            },
            Action::Collect => match target {
                Some(record) => self.prompt = Some(Prompt::new(Purpose::Collect(record), "")),
                None => out.say("Nothing selected to add"),
            },
            Action::ShowTrail => self.trail = Some(Trail::new(data, self.kept.saved())),
            Action::ShowCollections => self.shelf.show(),
            // From anywhere (the palette): the collection the pane shows, else `marked`.
            Action::ExportCollection => self.export(data, out),
            Action::ExportNamed(at) => self.export_named(data, usize::from(at), out),
            _ => return false,
        }
        true
    }

    fn prompt_key(&mut self, data: &Dataset, action: Action, out: &mut Outbox) {
        let Some(prompt) = &mut self.prompt else { return };
        match prompt.update(self.kept.saved(), action) {
            prompt::Outcome::Editing => return,
            prompt::Outcome::Cancelled => {}
            prompt::Outcome::Accepted(text) => match prompt.purpose.clone() {
                Purpose::Collect(record) => {
                    let name = clean_line(&text, MAX_NAME_CHARS);
                    if name.is_empty() {
                        out.say("A collection needs a name");
                        return;
                    }
                    self.kept.add_to(data, &name, record, out);
                }
                Purpose::Note { collection, key } => {
                    self.kept.change(data, Change::Note { collection, key, note: text }, out);
                    out.say("Note saved");
                }
            },
        }
        self.prompt = None;
    }

    fn trail_key(&mut self, data: &Dataset, action: Action, rows: usize, out: &mut Outbox) {
        let Some(trail) = &mut self.trail else { return };
        match trail.update(data, self.kept.saved(), action, rows) {
            trail::Outcome::Stay => {}
            trail::Outcome::Close => self.trail = None,
            trail::Outcome::Jump(key) => match key.resolve(data) {
                Some(record) => {
                    self.trail = None;
                    self.shelf.hide();
                    out.send(Request::Visit(record));
                }
                None => out.say(format!("missing: {key} is not in this dataset")),
            },
        }
    }

    /// The Collections pane's own keys; false for the ones the browser handles.
    fn shelf_key(&mut self, data: &Dataset, action: Action, rows: usize, out: &mut Outbox) -> bool {
        let saved = self.kept.saved();
        let half = rows as isize / 2;
        match action {
            Action::SelectNext => self.shelf.move_by(saved, Motion::By(1), rows),
            Action::SelectPrevious => self.shelf.move_by(saved, Motion::By(-1), rows),
            Action::SelectFirst => self.shelf.move_by(saved, Motion::First, rows),
            Action::SelectLast => self.shelf.move_by(saved, Motion::Last, rows),
            Action::PageDown => self.shelf.move_by(saved, Motion::By(rows as isize), rows),
            Action::PageUp => self.shelf.move_by(saved, Motion::By(-(rows as isize)), rows),
            Action::HalfPageDown => self.shelf.move_by(saved, Motion::By(half), rows),
            Action::HalfPageUp => self.shelf.move_by(saved, Motion::By(-half), rows),
            Action::Open | Action::ShowDetails | Action::OpenReader => self.open(data, action, out),
            Action::Cancel => return self.shelf.leave(saved),
            Action::StartFilter => out.say("s searches everything; / filters the panes of records"),
            Action::MoveEntryDown => self.move_entry(data, 1, rows, out),
            Action::MoveEntryUp => self.move_entry(data, -1, rows, out),
            Action::RemoveEntry => self.remove_entry(data, out),
            Action::EditNote => match (self.shelf.open_name(), self.shelf.selected_entry(saved)) {
                (Some(name), Some(entry)) => {
                    let purpose = Purpose::Note { collection: name.to_string(), key: entry.key.clone() };
                    self.prompt = Some(Prompt::new(purpose, &entry.note));
                }
                _ => out.say("Open a collection and select a record to write its note"),
            },
            Action::ExportCollection => self.export(data, out),
            _ => return false,
        }
        true
    }

    /// Enter: into the collection under the cursor, or open the record (a quote in the
    /// reader, paging through the collection's quotes).
    fn open(&mut self, data: &Dataset, action: Action, out: &mut Outbox) {
        let saved = self.kept.saved();
        let Some(name) = self.shelf.open_name().map(str::to_string) else {
            if let Some(collection) = saved.collections.get(self.shelf.names_cursor().selected) {
                let name = collection.name.clone();
                self.shelf.enter(&name);
            }
            return;
        };
        let Some(entry) = self.shelf.selected_entry(saved) else { return };
        let Some(record) = entry.key.resolve(data) else {
            out.say(format!("missing: {} is not in this dataset (d removes it)", entry.key));
            return;
        };
        if record.kind == Kind::Quote && action != Action::ShowDetails {
            let (collection, position) = self.shelf.quotes(data, saved);
            let name = format!("collection {name}");
            out.send(Request::Read(ReadRequest { collection, position: position.unwrap_or(0), name, query: None }));
        } else if action == Action::OpenReader {
            out.say("Select a quote to read it");
        } else {
            out.send(Request::Visit(record));
        }
    }

    fn move_entry(&mut self, data: &Dataset, step: isize, rows: usize, out: &mut Outbox) {
        let saved = self.kept.saved();
        let Some(collection) = self.shelf.open_collection(saved) else { return };
        let at = self.shelf.entries_cursor().selected;
        let to = at as isize + step;
        if to < 0 || to as usize >= collection.entries.len() {
            return;
        }
        let (a, b) = (collection.entries[at].key.clone(), collection.entries[to as usize].key.clone());
        let (name, len) = (collection.name.clone(), collection.entries.len());
        self.kept.change(data, Change::Swap { collection: name, a, b }, out);
        self.shelf.select_entry(to as usize, len, rows);
    }

    fn remove_entry(&mut self, data: &Dataset, out: &mut Outbox) {
        let saved = self.kept.saved();
        let (Some(name), Some(entry)) = (self.shelf.open_name(), self.shelf.selected_entry(saved)) else {
            out.say("Collections are deleted with `defiant collection delete NAME`");
            return;
        };
        let (collection, key) = (name.to_string(), entry.key.clone());
        out.say(format!("Removed {key} from {collection}"));
        self.kept.change(data, Change::Remove { collection, key }, out);
    }

    /// The names of the saved collections, in their order (the palette completes them).
    pub fn collection_names(&self) -> Vec<String> {
        self.kept.saved().collections.iter().map(|c| c.name.clone()).collect()
    }

    fn export_named(&mut self, data: &Dataset, at: usize, out: &mut Outbox) {
        let Some(collection) = self.kept.saved().collections.get(at) else {
            out.say("No such collection");
            return;
        };
        let text = export::render(data, &self.dataset, collection, Format::Markdown);
        let file = format!("{}.{}", file_stem(&collection.name), Format::Markdown.extension());
        out.send(Request::Run(Effect::Export { file, text }));
    }

    fn export(&mut self, data: &Dataset, out: &mut Outbox) {
        let saved = self.kept.saved();
        let current = if self.shelf.is_shown() { self.shelf.current_collection(saved) } else { None };
        let Some(collection) = current.or_else(|| saved.collection(crate::saved::DEFAULT_COLLECTION)) else {
            out.say("No collection to export");
            return;
        };
        let text = export::render(data, &self.dataset, collection, Format::Markdown);
        let file = format!("{}.{}", file_stem(&collection.name), Format::Markdown.extension());
        out.send(Request::Run(Effect::Export { file, text }));
    }
}

/// A collection's name as a file name: letters, digits, `-` and `_`; anything else is `-`.
pub fn file_stem(name: &str) -> String {
    let stem: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() { "collection".into() } else { stem.into() }
}
