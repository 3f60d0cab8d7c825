//! Search inside the browser: `/` filters the focused pane, `s` searches everything.
//!
//! Typing changes the query; each change gets a new generation number and becomes a
//! pending request, which the run loop hands to the search worker (tests run it inline).
//! Results come back as `Action::SearchFinished` and are ignored unless they belong to the
//! newest generation. Esc closes the search and leaves everything as it was; Enter opens
//! the selected result and remembers the results for `n`/`N`.

use std::sync::Arc;

use super::{App, Cursor, Pane};
use crate::data::{Kind, RecordRef};
use crate::search::{Field, Highlight, Hit, Query};

/// What a search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One pane's records (`/`).
    Pane(Pane),
    /// Every kind (`s`), narrowed by an optional facet.
    Everything,
}

/// One result row as shown: where the match is, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub record: RecordRef,
    pub field: Field,
    /// Matched char positions in the record's label, when the label matched.
    pub label_positions: Vec<usize>,
    /// When another field matched: its text and matched positions.
    pub other: Option<Highlight>,
}

#[derive(Debug, Clone)]
pub struct SearchState {
    pub scope: Scope,
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    pub exact: bool,
    /// Global search only: show one kind of result.
    pub facet: Option<Kind>,
    pub generation: u64,
    /// Every hit of the query, best first (all kinds).
    pub hits: Arc<Vec<Hit>>,
    /// Indices into `hits` that pass the facet.
    pub shown: Vec<u32>,
    /// Hits per kind, for the facet chips.
    pub counts: [usize; Kind::ALL.len()],
    pub done: bool,
    pub list: Cursor,
    /// Rows on screen with their highlights (computed in update, not in the view).
    pub rows: Vec<ResultRow>,
}

impl SearchState {
    fn new(scope: Scope) -> Self {
        Self {
            scope,
            input: String::new(),
            cursor: 0,
            exact: false,
            facet: None,
            generation: 0,
            hits: Arc::new(Vec::new()),
            shown: Vec::new(),
            counts: [0; Kind::ALL.len()],
            done: true,
            list: Cursor::default(),
            rows: Vec::new(),
        }
    }

    /// The query as the engine sees it (a pane filter is limited to the pane's kind).
    pub fn query(&self) -> Query {
        let mut query = Query::parse(&self.input, self.exact);
        if let Scope::Pane(pane) = self.scope {
            query.kinds = vec![pane.kind()];
        }
        query
    }

    pub fn hit(&self, row: usize) -> Option<&Hit> {
        self.shown.get(row).and_then(|&i| self.hits.get(i as usize))
    }

    pub fn selected(&self) -> Option<RecordRef> {
        self.hit(self.list.selected).map(|h| h.record)
    }

    fn refilter(&mut self) {
        self.counts = [0; Kind::ALL.len()];
        for hit in self.hits.iter() {
            self.counts[hit.record.kind as usize] += 1;
        }
        let facet = self.facet;
        self.shown = (0..self.hits.len() as u32)
            .filter(|&i| facet.is_none_or(|k| self.hits[i as usize].record.kind == k))
            .collect();
    }
}

/// The results of the last search that was opened, for `n`/`N` and detail highlights.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: Query,
    pub hits: Vec<RecordRef>,
    pub position: usize,
}

impl App {
    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The request the run loop should hand to the worker, if the query changed.
    pub fn take_search_request(&mut self) -> Option<(u64, Query)> {
        self.pending.take()
    }

    /// Run a pending search right here (tests, and datasets too small for a worker).
    pub fn run_pending_search(&mut self) {
        if let Some((generation, query)) = self.take_search_request() {
            let hits = Arc::new(self.index.search(&query));
            self.update(super::Action::SearchFinished { generation, hits, done: true });
        }
    }

    pub(super) fn start_search(&mut self, scope: Scope) {
        self.help = None;
        self.search = Some(SearchState::new(scope));
        self.requery();
    }

    /// The query text or options changed: ask for new results.
    pub(super) fn requery(&mut self) {
        let Some(search) = &mut self.search else { return };
        self.generation += 1;
        search.generation = self.generation;
        search.list = Cursor::default();
        let query = search.query();
        if query.groups.is_empty() {
            // Nothing typed yet: a pane filter shows the whole pane, global search nothing.
            let hits: Vec<Hit> = match search.scope {
                Scope::Pane(pane) => self
                    .data
                    .records(pane.kind())
                    .filter(|r| query.allows(r.kind))
                    .map(|record| Hit { record, score: 0, field: Field::Name })
                    .collect(),
                Scope::Everything => Vec::new(),
            };
            search.hits = Arc::new(hits);
            search.done = true;
            search.refilter();
            self.pending = None;
        } else {
            search.done = false;
            self.pending = Some((search.generation, query));
        }
    }

    pub(super) fn search_finished(&mut self, generation: u64, hits: Arc<Vec<Hit>>, done: bool) {
        let Some(search) = &mut self.search else { return };
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

    pub(super) fn edit_query(&mut self, edit: impl FnOnce(&mut String, &mut usize)) {
        let Some(search) = &mut self.search else { return };
        let before = search.input.clone();
        edit(&mut search.input, &mut search.cursor);
        search.cursor = search.cursor.min(search.input.chars().count());
        if search.input != before {
            self.requery();
        }
    }

    pub(super) fn cycle_facet(&mut self, forward: bool) {
        let Some(search) = &mut self.search else { return };
        if search.scope != Scope::Everything {
            return;
        }
        let order: Vec<Option<Kind>> = std::iter::once(None).chain(Kind::ALL.into_iter().map(Some)).collect();
        let at = order.iter().position(|k| *k == search.facet).unwrap_or(0);
        let next = if forward { (at + 1) % order.len() } else { (at + order.len() - 1) % order.len() };
        search.facet = order[next];
        search.list = Cursor::default();
        search.refilter();
    }

    pub(super) fn toggle_exact(&mut self) {
        if let Some(search) = &mut self.search {
            search.exact = !search.exact;
            self.requery();
        }
    }

    pub(super) fn move_results(&mut self, delta: isize) {
        let rows = self.list_rows();
        if let Some(search) = &mut self.search {
            search.list.move_by(delta, search.shown.len(), rows);
        }
    }

    /// A click on a result row selects it (the rows sit inside the list's border).
    pub(super) fn click_result(&mut self, column: u16, row: u16) {
        let Some(list) = self.layout().and_then(|l| l.list) else { return };
        if !list.contains(ratatui::layout::Position::new(column, row)) || row <= list.y || row + 1 >= list.bottom() {
            return;
        }
        let rows = self.list_rows();
        if let Some(search) = &mut self.search {
            let index = search.list.offset + usize::from(row - list.y - 1);
            if index < search.shown.len() {
                search.list.select(index, search.shown.len(), rows);
            }
        }
    }

    /// Enter on a result: open it, close the search, remember the results for n/N.
    pub(super) fn open_result(&mut self) {
        let Some(search) = self.search.take() else { return };
        let Some(record) = search.selected() else {
            self.search = Some(search);
            self.status = Some("No result to open".into());
            return;
        };
        let hits: Vec<RecordRef> = search.shown.iter().map(|&i| search.hits[i as usize].record).collect();
        let query = search.query();
        self.last = Some(LastSearch { query: query.clone(), hits: hits.clone(), position: search.list.selected });
        if record.kind == crate::data::Kind::Quote {
            // Quotes open in the reader, paging through the quotes among the results. The
            // search closes, as it does when a result opens as a page.
            let name = format!("results for \u{201c}{}\u{201d}", search.input.trim());
            let position = search.list.selected;
            self.open_reader(hits, position, name, Some(query));
        } else {
            self.visit(record);
        }
    }

    pub(super) fn close_search(&mut self) {
        self.search = None;
        self.pending = None;
    }

    /// n/N: open the next or previous result of the last search, wrapping around.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(last) = &mut self.last else {
            self.status = Some("No search yet: press / or s".into());
            return;
        };
        if last.hits.is_empty() {
            self.status = Some("The last search found nothing".into());
            return;
        }
        let len = last.hits.len();
        last.position = if forward { (last.position + 1) % len } else { (last.position + len - 1) % len };
        let (record, n) = (last.hits[last.position], last.position + 1);
        self.visit(record);
        self.status = Some(format!("Result {n} of {len}"));
    }

    /// Highlights for the rows of the results list that are on screen.
    pub(super) fn refresh_result_rows(&mut self) {
        let rows = self.list_rows();
        let Some(search) = &mut self.search else { return };
        search.list.keep_visible(search.shown.len(), rows);
        let query = search.query();
        let start = search.list.offset;
        let end = (start + rows).min(search.shown.len());
        let mut out = Vec::with_capacity(end - start);
        for row in start..end {
            let Some(hit) = search.hit(row).copied() else { break };
            let highlights =
                if query.groups.is_empty() { Vec::new() } else { self.index.highlights(hit.record, &query) };
            let label = self.data.label(hit.record);
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
    pub(super) fn highlight_query_for(&self, record: RecordRef) -> Option<Query> {
        if let Some(search) = &self.search {
            let query = search.query();
            return (!query.groups.is_empty()).then_some(query);
        }
        self.last.as_ref().filter(|l| l.hits.contains(&record)).map(|l| l.query.clone())
    }
}

/// The field whose text is a record's label.
pub fn label_field(kind: Kind) -> Field {
    match kind {
        Kind::Episode | Kind::Footage => Field::Title,
        Kind::Theme | Kind::Person => Field::Name,
        Kind::Quote => Field::Text,
        Kind::Source => Field::Headline,
    }
}

/// Labels put quotes on one line; the index keeps their line breaks (same char count).
fn same_text(indexed: &str, label: &str) -> bool {
    indexed.chars().count() == label.chars().count()
}
