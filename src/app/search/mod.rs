//! Search inside the browser: `/` filters the focused pane, `s` searches everything.
//!
//! Typing changes the query; each change gets a new generation number and an
//! `Effect::Search`, which the run loop hands to the search worker (tests run it inline).
//! Results come back as `Internal::SearchFinished` and are ignored unless they belong to
//! the newest generation. Esc closes the search and leaves everything as it was; Enter
//! opens the selected result and remembers the results for `n`/`N`.

use std::sync::Arc;

use ratatui::layout::Position;

use super::browse::Motion;
use super::effect::Effect;
use super::layout::AppLayout;
use super::request::{Outbox, ReadRequest, Request};
use super::{Action, Cursor};
use crate::data::{Dataset, Kind, RecordRef};
use crate::search::{Field, Hit, Query, SearchIndex};
use tui_input::InputRequest;

mod history;
mod prompt;
mod state;

pub use history::QueryHistory;
pub use prompt::MAX_PASTE_CHARS;
pub use state::{LastSearch, ResultRow, Scope, SearchState, label_field};
use state::{RowsKey, same_text};

/// The search layer: the search being typed, if any, and the last one opened.
#[derive(Debug, Clone, Default)]
pub struct Search {
    open: Option<SearchState>,
    /// The last search whose result was opened (for n/N and highlights).
    last: Option<LastSearch>,
    generation: u64,
    /// The queries of this run, for Alt-↑/↓.
    history: QueryHistory,
    /// The search a result was opened from, kept to come back to with Esc.
    suspended: Option<Suspended>,
    /// The last query of each scope, brought back (selected) when that search opens again.
    recent: Vec<(Scope, String)>,
    /// Queries remembered since the router last asked (to be kept across runs).
    remembered: Vec<String>,
    /// Whether a new search starts exact (the config's `[search] mode`).
    exact_default: bool,
}

/// Where a result opened from a search went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// As a page: this record's visit.
    Page(RecordRef),
    /// In the quote reader.
    Reader,
}

#[derive(Debug, Clone)]
struct Suspended {
    state: SearchState,
    opened: Opened,
}

/// How a search opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// A new search: the view under it is the one to restore when it closes.
    Fresh,
    /// The search a result was opened from, as it was.
    Resumed,
}

/// Where a search direction goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

impl Search {
    pub fn state(&self) -> Option<&SearchState> {
        self.open.as_ref()
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Start with the queries of earlier runs (oldest first), for Alt-↑/↓.
    pub fn seed_history(&mut self, queries: &[String]) {
        for query in queries {
            self.history.remember(query);
        }
    }

    /// The queries remembered since the last call, oldest first.
    pub fn take_remembered(&mut self) -> Vec<String> {
        std::mem::take(&mut self.remembered)
    }

    pub fn set_exact_default(&mut self, exact: bool) {
        self.exact_default = exact;
    }

    /// `/` or `s`: back to the search a result was opened from if it has this scope, else a
    /// new search holding this scope's last query, selected so that typing replaces it.
    pub fn start(&mut self, data: &Dataset, scope: Scope, out: &mut Outbox) -> Started {
        if let Some(suspended) = self.suspended.take()
            && suspended.state.scope == scope
        {
            self.open = Some(suspended.state);
            return Started::Resumed;
        }
        let mut state = SearchState::new(scope);
        state.exact = self.exact_default;
        if let Some((_, query)) = self.recent.iter().find(|(s, _)| *s == scope) {
            state.editor = tui_input::Input::new(query.clone());
            state.selected_text = true;
        }
        self.open = Some(state);
        self.requery(data, out);
        Started::Fresh
    }

    /// Esc from what a result opened: back to the results as they were, if that is where
    /// this came from.
    pub fn resume(&mut self, from: Opened) -> bool {
        if self.open.is_some() || self.suspended.as_ref().is_none_or(|s| s.opened != from) {
            return false;
        }
        self.open = self.suspended.take().map(|s| s.state);
        true
    }

    /// Whether Esc from `from` would go back to a search's results.
    pub fn can_resume(&self, from: Opened) -> bool {
        self.open.is_none() && self.suspended.as_ref().is_some_and(|s| s.opened == from)
    }

    /// Hide the open search while a record is shown (its results stay, if one was opened).
    pub fn hide(&mut self) {
        self.open = None;
    }

    /// Close the search for good, remembering its query.
    pub fn close(&mut self) {
        if let Some(search) = self.open.take() {
            self.remember(&search);
        }
        self.suspended = None;
    }

    fn remember(&mut self, search: &SearchState) {
        let query = search.input().trim().to_string();
        self.history.remember(&query);
        if !query.is_empty() {
            self.remembered.push(query.clone());
        }
        self.recent.retain(|(scope, _)| *scope != search.scope);
        if !query.is_empty() {
            self.recent.push((search.scope, query));
        }
    }

    /// Keys while a search is open; false for the ones handled as usual (quit, help). The
    /// list and detail under the search are not the user's to change until it closes.
    pub fn update(&mut self, data: &Dataset, action: Action, rows: usize, out: &mut Outbox) -> bool {
        match action {
            Action::InsertChar(c) => self.type_char(data, c, out),
            Action::DeleteCharBefore => self.edit(data, out, InputRequest::DeletePrevChar),
            Action::DeleteCharAfter => self.edit(data, out, InputRequest::DeleteNextChar),
            Action::DeleteToStart => self.edit(data, out, InputRequest::DeleteFromStart),
            Action::DeleteToEnd => self.edit(data, out, InputRequest::DeleteTillEnd),
            Action::DeleteWordBefore => self.edit(data, out, InputRequest::DeletePrevWord),
            Action::CursorLeft => self.edit(data, out, InputRequest::GoToPrevChar),
            Action::CursorRight => self.edit(data, out, InputRequest::GoToNextChar),
            Action::CursorStart => self.edit(data, out, InputRequest::GoToStart),
            Action::CursorEnd => self.edit(data, out, InputRequest::GoToEnd),
            Action::CursorWordLeft => self.edit(data, out, InputRequest::GoToPrevWord),
            Action::CursorWordRight => self.word_right(),
            Action::HistoryPrevious => self.recall(data, Direction::Backward, out),
            Action::HistoryNext => self.recall(data, Direction::Forward, out),
            Action::NextFacet => self.cycle_facet(Direction::Forward),
            Action::PreviousFacet => self.cycle_facet(Direction::Backward),
            Action::ToggleExact => {
                if let Some(search) = &mut self.open {
                    search.exact = !search.exact;
                    self.requery(data, out);
                }
            }
            Action::SelectNext => self.move_results(Motion::By(1), rows),
            Action::SelectPrevious => self.move_results(Motion::By(-1), rows),
            Action::PageDown => self.move_results(Motion::By(rows as isize), rows),
            Action::PageUp => self.move_results(Motion::By(-(rows as isize)), rows),
            Action::Open => self.open_result(out),
            Action::Cancel => {
                self.close();
                out.send(Request::SearchClosed);
            }
            _ => return false,
        }
        true
    }

    /// The wheel over the results moves the selection; elsewhere it does nothing.
    pub fn wheel(&mut self, layout: Option<AppLayout>, at: Position, lines: isize, rows: usize) {
        if layout.and_then(|l| l.list).is_some_and(|r| r.contains(at)) {
            self.move_results(Motion::By(lines), rows);
        }
    }

    /// A click on a result row selects it (the rows sit inside the list's border). True
    /// when the row was already selected: a second click opens it.
    pub fn click(&mut self, layout: Option<AppLayout>, at: Position, rows: usize) -> bool {
        let Some(list) = layout.and_then(|l| l.list) else { return false };
        if !list.contains(at) || at.y <= list.y || at.y + 1 >= list.bottom() {
            return false;
        }
        if let Some(search) = &mut self.open {
            let index = search.list.offset + usize::from(at.y - list.y - 1);
            if index < search.shown.len() {
                let again = index == search.list.selected;
                search.list.select(index, search.shown.len(), rows);
                return again;
            }
        }
        false
    }

    /// Results from the worker; only the newest generation's count.
    pub fn finished(&mut self, generation: u64, hits: Arc<Vec<Hit>>, done: bool) {
        let Some(search) = &mut self.open else { return };
        if generation != search.generation {
            return;
        }
        // Partial results may reorder rows: if the user moved to a result, keep that result
        // selected; if not, stay on the top row (the best match so far).
        let keep = if search.list.selected > 0 { search.selected() } else { None };
        search.hits = hits;
        search.done = done;
        search.refilter();
        if let Some(record) = keep
            && let Some(row) = search.shown.iter().position(|&i| search.hits[i as usize].record == record)
        {
            search.list.selected = row;
        }
    }

    /// The query text or options changed: ask for new results.
    fn requery(&mut self, data: &Dataset, out: &mut Outbox) {
        let Some(search) = &mut self.open else { return };
        self.generation += 1;
        search.generation = self.generation;
        search.list = Cursor::default();
        search.query = search.parse_query();
        let query = &search.query;
        if query.groups.is_empty() {
            // Nothing typed yet: a pane filter shows the whole pane, global search nothing.
            let hits: Vec<Hit> = match search.scope {
                Scope::Pane(pane) => data
                    .records(pane.kind())
                    .filter(|r| query.allows(r.kind))
                    .map(|record| Hit { record, score: 0, field: Field::Name })
                    .collect(),
                Scope::Everything => Vec::new(),
            };
            search.hits = Arc::new(hits);
            search.done = true;
            search.refilter();
        } else {
            search.done = false;
            out.send(Request::Run(Effect::Search { generation: search.generation, query: search.query.clone() }));
        }
    }

    fn cycle_facet(&mut self, direction: Direction) {
        let Some(search) = &mut self.open else { return };
        if search.scope != Scope::Everything {
            return;
        }
        // Kinds with no hits are skipped (the facet in force stays in the cycle, to leave it).
        let order: Vec<Option<Kind>> = std::iter::once(None)
            .chain(
                Kind::ALL.into_iter().filter(|&k| search.counts[k as usize] > 0 || search.facet == Some(k)).map(Some),
            )
            .collect();
        let at = order.iter().position(|k| *k == search.facet).unwrap_or(0);
        let next = match direction {
            Direction::Forward => (at + 1) % order.len(),
            Direction::Backward => (at + order.len() - 1) % order.len(),
        };
        search.facet = order[next];
        search.list = Cursor::default();
        search.refilter();
    }

    fn move_results(&mut self, motion: Motion, rows: usize) {
        if let Some(search) = &mut self.open {
            let len = search.shown.len();
            search.list.move_by(motion.delta(len), len, rows);
        }
    }

    /// Enter on a result: open it, close the search, remember the results for n/N.
    fn open_result(&mut self, out: &mut Outbox) {
        let Some(search) = self.open.take() else { return };
        let Some(record) = search.selected() else {
            self.open = Some(search);
            out.say("No result to open");
            return;
        };
        let hits: Vec<RecordRef> = search.shown.iter().map(|&i| search.hits[i as usize].record).collect();
        let query = search.query.clone();
        let position = search.list.selected;
        self.last = Some(LastSearch { query: query.clone(), hits: hits.clone(), position });
        self.remember(&search);
        let opened = if record.kind == Kind::Quote {
            // Quotes open in the reader, paging through the quotes among the results.
            let name = format!("results for \u{201c}{}\u{201d}", search.input().trim());
            out.send(Request::Read(ReadRequest { collection: hits, position, name, query: Some(query) }));
            Opened::Reader
        } else {
            out.send(Request::Visit(record));
            Opened::Page(record)
        };
        // Kept as it is, for Esc to come back to.
        self.suspended = Some(Suspended { state: search, opened });
    }

    /// n/N: open the next or previous result of the last search, wrapping around.
    pub fn step_match(&mut self, direction: Direction, out: &mut Outbox) {
        let Some(last) = &mut self.last else {
            out.say("No search yet: press / or s");
            return;
        };
        if last.hits.is_empty() {
            out.say("The last search found nothing");
            return;
        }
        let len = last.hits.len();
        last.position = match direction {
            Direction::Forward => (last.position + 1) % len,
            Direction::Backward => (last.position + len - 1) % len,
        };
        let (record, n) = (last.hits[last.position], last.position + 1);
        out.send(Request::Visit(record));
        out.say(format!("Result {n} of {len}"));
    }

    /// Keep the selection in a window of `rows`, and rebuild the visible rows' highlights
    /// when the results, the facet or the window changed (never for an ignored message).
    pub fn refresh_rows(&mut self, data: &Dataset, index: &SearchIndex, rows: usize) {
        let Some(search) = &mut self.open else { return };
        search.list.keep_visible(search.shown.len(), rows);
        let key = RowsKey {
            generation: search.generation,
            hits: Arc::as_ptr(&search.hits),
            facet: search.facet,
            offset: search.list.offset,
            rows,
        };
        if search.rows_built_for == Some(key) {
            return;
        }
        search.rows_built_for = Some(key);
        let start = search.list.offset;
        let end = (start + rows).min(search.shown.len());
        let query = &search.query;
        let mut out = Vec::with_capacity(end - start);
        for row in start..end {
            let Some(hit) = search.hit(row).copied() else { break };
            let highlights = if query.groups.is_empty() { Vec::new() } else { index.highlights(hit.record, query) };
            let label = data.label(hit.record);
            let label_field = label_field(hit.record.kind);
            let label_positions = highlights
                .iter()
                .find(|h| h.field == label_field && same_text(&h.text, &label))
                .map(|h| h.positions.clone())
                .unwrap_or_default();
            let other = if label_positions.is_empty() {
                highlights.into_iter().find(|h| h.field == hit.field).filter(|h| h.field != label_field)
            } else {
                None
            };
            out.push(ResultRow { record: hit.record, field: hit.field, label_positions, other });
        }
        search.rows = out;
    }

    /// The query whose matches the detail of `record` should highlight.
    pub fn highlight_query_for(&self, record: RecordRef) -> Option<&Query> {
        if let Some(search) = &self.open {
            return (!search.query.groups.is_empty()).then_some(&search.query);
        }
        self.last.as_ref().filter(|l| l.hits.contains(&record)).map(|l| &l.query)
    }
}
