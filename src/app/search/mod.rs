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

mod state;

pub use state::{LastSearch, ResultRow, Scope, SearchState, label_field};
use state::{RowsKey, same_text};

/// The search layer: the search being typed, if any, and the last one opened.
#[derive(Debug, Clone, Default)]
pub struct Search {
    open: Option<SearchState>,
    /// The last search whose result was opened (for n/N and highlights).
    last: Option<LastSearch>,
    generation: u64,
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

    pub fn start(&mut self, data: &Dataset, scope: Scope, out: &mut Outbox) {
        self.open = Some(SearchState::new(scope));
        self.requery(data, out);
    }

    pub fn close(&mut self) {
        self.open = None;
    }

    /// Keys while a search is open; false for the ones handled as usual (quit, help). The
    /// list and detail under the search are not the user's to change until it closes.
    pub fn update(&mut self, data: &Dataset, action: Action, rows: usize, out: &mut Outbox) -> bool {
        match action {
            Action::InsertChar(c) => self.edit(data, out, |input, cursor| {
                let at = byte_at(input, *cursor);
                input.insert(at, c);
                *cursor += 1;
            }),
            Action::DeleteCharBefore => self.edit(data, out, |input, cursor| {
                if *cursor > 0 {
                    let at = byte_at(input, *cursor - 1);
                    input.remove(at);
                    *cursor -= 1;
                }
            }),
            Action::DeleteCharAfter => self.edit(data, out, |input, cursor| {
                if *cursor < input.chars().count() {
                    let at = byte_at(input, *cursor);
                    input.remove(at);
                }
            }),
            Action::ClearQuery => self.edit(data, out, |input, cursor| {
                input.clear();
                *cursor = 0;
            }),
            Action::CursorLeft => self.edit(data, out, |_, cursor| *cursor = cursor.saturating_sub(1)),
            Action::CursorRight => self.edit(data, out, |_, cursor| *cursor += 1),
            Action::CursorStart => self.edit(data, out, |_, cursor| *cursor = 0),
            Action::CursorEnd => self.edit(data, out, |input, cursor| *cursor = input.chars().count()),
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
            Action::Cancel => self.close(),
            _ => return false,
        }
        true
    }

    /// Pasted text goes into the query at the cursor in one step (one search, not one per
    /// character): line breaks and tabs become spaces, other control characters are
    /// dropped, and at most [`MAX_PASTE_CHARS`] are taken. Without an open search a paste
    /// does nothing.
    pub fn paste(&mut self, data: &Dataset, text: &str, out: &mut Outbox) {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|c| !c.is_control())
            .take(MAX_PASTE_CHARS)
            .collect();
        if clean.is_empty() {
            return;
        }
        self.edit(data, out, |input, cursor| {
            let at = byte_at(input, *cursor);
            input.insert_str(at, &clean);
            *cursor += clean.chars().count();
        });
    }

    /// The wheel over the results moves the selection; elsewhere it does nothing.
    pub fn wheel(&mut self, layout: Option<AppLayout>, at: Position, lines: isize, rows: usize) {
        if layout.and_then(|l| l.list).is_some_and(|r| r.contains(at)) {
            self.move_results(Motion::By(lines), rows);
        }
    }

    /// A click on a result row selects it (the rows sit inside the list's border).
    pub fn click(&mut self, layout: Option<AppLayout>, at: Position, rows: usize) {
        let Some(list) = layout.and_then(|l| l.list) else { return };
        if !list.contains(at) || at.y <= list.y || at.y + 1 >= list.bottom() {
            return;
        }
        if let Some(search) = &mut self.open {
            let index = search.list.offset + usize::from(at.y - list.y - 1);
            if index < search.shown.len() {
                search.list.select(index, search.shown.len(), rows);
            }
        }
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

    fn edit(&mut self, data: &Dataset, out: &mut Outbox, edit: impl FnOnce(&mut String, &mut usize)) {
        let Some(search) = &mut self.open else { return };
        let before = search.input.clone();
        edit(&mut search.input, &mut search.cursor);
        search.cursor = search.cursor.min(search.input.chars().count());
        if search.input != before {
            self.requery(data, out);
        }
    }

    fn cycle_facet(&mut self, direction: Direction) {
        let Some(search) = &mut self.open else { return };
        if search.scope != Scope::Everything {
            return;
        }
        let order: Vec<Option<Kind>> = std::iter::once(None).chain(Kind::ALL.into_iter().map(Some)).collect();
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
        if record.kind == Kind::Quote {
            // Quotes open in the reader, paging through the quotes among the results. The
            // search closes, as it does when a result opens as a page.
            let name = format!("results for \u{201c}{}\u{201d}", search.input.trim());
            out.send(Request::Read(ReadRequest { collection: hits, position, name, query: Some(query) }));
        } else {
            out.send(Request::Visit(record));
        }
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

/// The most of one paste that goes into the query (the engine reads the first 256).
pub const MAX_PASTE_CHARS: usize = 1024;

/// Byte offset of the `chars`-th character (or the end).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}
