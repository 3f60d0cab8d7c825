//! The app's side of what is kept across runs (issue #16): what the run loop hands in at
//! start (the saved state, the clock), the record each context would mark, and the
//! session to save at the end and restore at the next start.

use ratatui::layout::Rect;

use super::keeping::{Kept, Persistence, Prompt, Shelf, Trail};
use super::request::Outbox;
use super::{Action, App, Context, Effects, Focus, Pane, View, layout};
use crate::data::{Kind, RecordRef};
use crate::saved::{Key, Saved, Session};

/// The pane names a session is saved with.
const COLLECTIONS: &str = "collections";

use super::keeping::TRAIL_BOX;

/// Rows of the history list in a terminal of `size` (the help's box less its filter line
/// and a header).
pub fn trail_rows(size: Rect) -> usize {
    let (_, inner) = layout::help_popup(size, TRAIL_BOX);
    usize::from(inner.height.saturating_sub(2)).max(1)
}

impl App {
    /// Take the state kept for this dataset (`dataset` names it in the store), before the
    /// session is restored. The queries of earlier runs go into the prompt's history.
    pub fn keep(&mut self, dataset: &str, saved: Saved, persistence: Persistence) {
        self.search.seed_history(&saved.queries);
        self.keeping.kept = Kept::new(&self.shared.data, saved, persistence);
        self.keeping.dataset = dataset.to_string();
        self.sync();
    }

    /// Set the clock the app stamps visits and queries with (Unix seconds).
    pub fn set_clock(&mut self, now: i64) {
        self.keeping.kept.set_now(now);
    }

    pub fn kept(&self) -> &Kept {
        &self.keeping.kept
    }

    pub fn shelf(&self) -> &Shelf {
        &self.keeping.shelf
    }

    /// Whether the Collections pane is the one shown.
    pub fn collections_shown(&self) -> bool {
        self.keeping.shelf.is_shown()
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.keeping.prompt.as_ref()
    }

    pub fn trail(&self) -> Option<&Trail> {
        self.keeping.trail.as_ref()
    }

    /// Whether a record is in any collection (the lists' glyph).
    pub fn is_kept(&self, record: RecordRef) -> bool {
        self.keeping.kept.is_kept(record)
    }

    /// The record the context has selected: what `m` and `M` act on.
    pub(super) fn mark_target(&self) -> Option<RecordRef> {
        let data = &self.shared.data;
        match self.context() {
            Context::Collections => self.keeping.shelf.selected_record(data, self.keeping.kept.saved()),
            Context::List => self.browser.browse().selected(data),
            Context::Detail => self.browser.detail().selected_link().or(self.browser.detail().current()),
            Context::Filter | Context::Search => self.search.state().and_then(|s| s.selected()),
            Context::Reader => self.reading.reader().map(|r| r.current()),
            Context::Help | Context::Palette | Context::Prompt | Context::Trail => None,
        }
    }

    /// Rows of the list the keeping part moves in for a context.
    pub(super) fn keeping_rows(&self, context: Context) -> usize {
        match context {
            Context::Trail => trail_rows(self.size),
            _ => self.view().list_rows(),
        }
    }

    /// What the rest of the app does after the keeping part took an action.
    pub(super) fn after_keeping(&mut self, action: Action, out: &mut Outbox) {
        if action == Action::ShowCollections {
            let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
            self.browser.update(view, Action::FocusList, out);
        }
    }

    pub(super) fn persistence_failed(&mut self, reason: String) {
        self.status = Some(format!("State not saved ({reason}); browsing goes on, changes last until you quit"));
        self.keeping.kept.set_persistence(Persistence::Off(reason));
    }

    /// Where the user is, to come back to next time.
    pub fn session(&self) -> Session {
        let data = &self.shared.data;
        let key = |r: RecordRef| Key::of(data, r);
        let shelf = &self.keeping.shelf;
        let saved = self.keeping.kept.saved();
        let open = match self.focus() {
            Focus::Detail => self.browser.detail().current().map(key),
            Focus::List => None,
        };
        if shelf.is_shown() {
            return Session {
                pane: COLLECTIONS.into(),
                selected: shelf.selected_entry(saved).map(|e| e.key.clone()),
                open,
                collection: shelf.open_name().map(str::to_string),
            };
        }
        let pane = self.pane();
        Session {
            pane: pane.kind().section().to_string(),
            selected: self.browser.browse().selected(data).map(key),
            open,
            collection: None,
        }
    }

    /// Go back to where the last session ended: the pane, its selection, the open record.
    /// What is no longer in the dataset is skipped.
    pub fn restore_session(&mut self) -> Effects {
        let Some(session) = self.keeping.kept.saved().session.clone() else { return Effects::default() };
        let data = self.shared.data.clone();
        let mut out = Outbox::default();
        let rows = self.view().list_rows();
        if session.pane == COLLECTIONS {
            let saved = self.keeping.kept.saved().clone();
            self.keeping.shelf.restore(&saved, session.collection.as_deref(), session.selected.as_ref());
        } else if let Some(pane) = Pane::ALL.into_iter().find(|p| p.kind().section() == session.pane) {
            let view = View { data: &data, story: &self.shared.story, layout: self.layout() };
            self.browser.update(view, Action::ShowPane(pane), &mut out);
            let selected = session.selected.as_ref().and_then(|k| k.resolve(&data)).filter(|r| r.kind != Kind::Source);
            match selected {
                // The story's panes list nothing until it comes (`Story::counting`).
                Some(record) if self.shared.story.counting && matches!(pane, Pane::Overview | Pane::Timeline) => {
                    self.browser.await_story(record);
                }
                Some(record) => self.browser.select_in_pane(&data, record, rows),
                None => {}
            }
        }
        if let Some(record) = session.open.as_ref().and_then(|k| k.resolve(&data)) {
            let shelf_shown = self.keeping.shelf.is_shown();
            self.visit(record);
            if shelf_shown {
                self.keeping.shelf.show();
            }
        }
        let effects = self.apply(&mut out);
        self.sync();
        effects
    }
}
