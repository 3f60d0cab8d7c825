//! The state of one search: what is typed, the parsed query, its results and the rows on
//! screen; and what is kept of the last search opened.

use std::sync::Arc;

use crate::app::Keymap;
use crate::app::keymap::Context;
use crate::app::{Action, Cursor, Pane};
use crate::data::{Kind, RecordRef};
use crate::search::query::SYNTAX;
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
    /// The query being typed and its cursor (a readline-style editor).
    pub(super) editor: tui_input::Input,
    /// A query brought back from an earlier search is selected: typing replaces it, a
    /// cursor move keeps it (as in a browser's address bar).
    pub(super) selected_text: bool,
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
    /// The query as parsed when the input last changed.
    pub(super) query: Query,
    /// What `rows` were built from, so they are rebuilt only when that changes.
    pub(super) rows_built_for: Option<RowsKey>,
}

/// The inputs of the visible rows: the results, the facet and the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowsKey {
    pub generation: u64,
    pub hits: *const Vec<Hit>,
    pub facet: Option<Kind>,
    pub offset: usize,
    pub rows: usize,
}

impl SearchState {
    pub(super) fn new(scope: Scope) -> Self {
        Self {
            scope,
            editor: tui_input::Input::default(),
            selected_text: false,
            exact: false,
            facet: None,
            generation: 0,
            hits: Arc::new(Vec::new()),
            shown: Vec::new(),
            counts: [0; Kind::ALL.len()],
            done: true,
            list: Cursor::default(),
            rows: Vec::new(),
            query: Query::parse("", false),
            rows_built_for: None,
        }
    }

    /// The text typed.
    pub fn input(&self) -> &str {
        self.editor.value()
    }

    /// The cursor's position in the text, in chars.
    pub fn cursor(&self) -> usize {
        self.editor.cursor()
    }

    /// Whether the text is a query brought back, selected so that typing replaces it.
    pub fn text_selected(&self) -> bool {
        self.selected_text
    }

    /// The query as the engine sees it (a pane filter is limited to the pane's kind).
    pub fn query(&self) -> &Query {
        &self.query
    }

    pub(super) fn parse_query(&self) -> Query {
        let mut query = Query::parse(self.input(), self.exact);
        if let Scope::Pane(pane) = self.scope {
            query.kinds = vec![pane.kind()];
        }
        query
    }

    /// Why nothing is listed, naming the cause and the key that undoes it; `None` while
    /// results are shown.
    pub fn empty_message(&self, key_table: &Keymap) -> Option<String> {
        if !self.shown.is_empty() {
            return None;
        }
        let keys = |action: Action| key_table.keys_for(action, Context::Search).unwrap_or_default();
        let total: usize = self.counts.iter().sum();
        let negated = self.query.groups.iter().any(|g| g.0.iter().any(|t| t.negated));
        Some(if self.input().trim().is_empty() {
            let examples: Vec<&str> = SYNTAX.iter().skip(1).map(|s| s.example).collect();
            format!("Type to search. Syntax: {}", examples.join("  "))
        } else if !self.done {
            "Searching…".to_string()
        } else if let Some(kind) = self.facet.filter(|_| total > 0) {
            format!(
                "No {} among the {total} results: {} or {} for the other kinds.",
                kind.plural().to_lowercase(),
                keys(Action::NextFacet),
                keys(Action::PreviousFacet)
            )
        } else if self.exact {
            format!("No exact matches: {} for fuzzy matching.", keys(Action::ToggleExact))
        } else if negated {
            "Nothing is left after the ! terms: remove one to see what it left out.".to_string()
        } else {
            "No matches. Fewer letters, or another spelling.".to_string()
        })
    }

    pub fn hit(&self, row: usize) -> Option<&Hit> {
        self.shown.get(row).and_then(|&i| self.hits.get(i as usize))
    }

    pub fn selected(&self) -> Option<RecordRef> {
        self.hit(self.list.selected).map(|h| h.record)
    }

    pub(super) fn refilter(&mut self) {
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

/// The field whose text is a record's label.
pub fn label_field(kind: Kind) -> Field {
    match kind {
        Kind::Episode | Kind::Footage => Field::Title,
        Kind::Theme | Kind::Person => Field::Name,
        Kind::Quote => Field::Text,
        Kind::Source => Field::Headline,
        Kind::Event => Field::Event,
        Kind::Series => Field::Title,
    }
}

/// Labels put quotes on one line; the index keeps their line breaks (same char count).
pub(super) fn same_text(indexed: &str, label: &str) -> bool {
    indexed.chars().count() == label.chars().count()
}
