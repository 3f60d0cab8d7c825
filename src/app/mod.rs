//! The model of the terminal browser and its one mutation point, [`App::update`].
//!
//! Flow: terminal event → [`keymap::resolve`] → [`Action`] → `App::update` → `ui::view(&App)`.
//! `update` is the only code that changes state; it also precomputes what depends on the
//! terminal size (page heights, the wrapped detail) so the view stays a pure reader.

mod action;
pub mod help;
mod history;
pub mod keymap;
pub mod layout;
mod pane;
pub mod reader;
pub mod search;

use std::sync::Arc;

pub use action::Action;
pub use history::{History, Visit};
pub use keymap::Context;
pub use pane::{Cursor, Pane};
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

use crate::data::{Dataset, Kind, RecordRef};
use crate::present::detail::DetailDoc;
use crate::search::{Query, SearchIndex};
use help::HelpState;
use layout::AppLayout;
use reader::Reader;
use search::{LastSearch, Scope, SearchState};

/// Which half of the browser has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// How far one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

#[derive(Debug)]
pub struct App {
    data: Arc<Dataset<'static>>,
    index: Arc<SearchIndex<'static>>,
    size: Rect,
    pane: Pane,
    focus: Focus,
    cursors: [Cursor; 5],
    history: History,
    /// Scroll of the detail while it previews the list's selection (no visit yet).
    preview_scroll: usize,
    /// The detail currently shown, laid out for the current width.
    doc: Option<DetailDoc>,
    /// The help overlay, while it is open.
    help: Option<HelpState>,
    status: Option<String>,
    quit: bool,
    /// The search being typed, if any.
    search: Option<SearchState>,
    /// The last search whose result was opened (for n/N and highlights).
    last: Option<LastSearch>,
    /// A query waiting to be handed to the search worker.
    pending: Option<(u64, Query)>,
    generation: u64,
    /// The full-screen quote reader, when open.
    reader: Option<Reader>,
    /// Column width the reader opens with (the last one chosen).
    reader_width: u16,
    /// State of the random quote picker.
    rng: u64,
    /// Text waiting to be copied to the clipboard by the run loop.
    clipboard: Option<String>,
}

impl App {
    pub fn new(data: Arc<Dataset<'static>>) -> Self {
        let index = Arc::new(SearchIndex::build(&data));
        Self::with_index(data, index)
    }

    /// An app over a dataset whose search index is already built (shared with the worker).
    pub fn with_index(data: Arc<Dataset<'static>>, index: Arc<SearchIndex<'static>>) -> Self {
        let mut app = Self {
            data,
            index,
            size: Rect::new(0, 0, 80, 24),
            pane: Pane::Episodes,
            focus: Focus::List,
            cursors: [Cursor::default(); 5],
            history: History::default(),
            preview_scroll: 0,
            doc: None,
            help: None,
            status: None,
            quit: false,
            search: None,
            last: None,
            pending: None,
            generation: 0,
            reader: None,
            reader_width: reader::DEFAULT_WIDTH,
            rng: 0x9E37_79B9_7F4A_7C15,
            clipboard: None,
        };
        app.refresh();
        app
    }

    /// Seed the random quote picker (the run loop uses the clock; tests keep the default).
    pub fn seed_random(&mut self, seed: u64) {
        self.rng = seed | 1;
    }

    /// Start on a record's detail (`--open KIND:ID`).
    pub fn open(&mut self, record: RecordRef) {
        self.visit(record);
        self.refresh();
    }

    // ----- read access for the view and tests -----

    pub fn data(&self) -> &Dataset<'static> {
        &self.data
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn cursor(&self, pane: Pane) -> Cursor {
        self.cursors[pane as usize]
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn doc(&self) -> Option<&DetailDoc> {
        self.doc.as_ref()
    }

    pub fn help(&self) -> Option<&HelpState> {
        self.help.as_ref()
    }

    /// How far the help is scrolled, while it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help.as_ref().map(HelpState::scroll)
    }

    fn open_help(&mut self) {
        self.help = Some(HelpState::new(self.context_under_help(), self.size));
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn layout(&self) -> Option<AppLayout> {
        AppLayout::new(self.size, self.focus == Focus::Detail && self.search.is_none())
    }

    /// The key table in force.
    pub fn context(&self) -> Context {
        if self.help.is_some() { Context::Help } else { self.context_under_help() }
    }

    /// The key table under the help overlay (the one help describes while it is open).
    pub fn context_under_help(&self) -> Context {
        match (&self.reader, &self.search, self.focus) {
            (Some(_), _, _) => Context::Reader,
            (None, Some(search), _) if search.scope == Scope::Everything => Context::Search,
            (None, Some(_), _) => Context::Filter,
            (None, None, Focus::Detail) => Context::Detail,
            (None, None, Focus::List) => Context::List,
        }
    }

    /// Map a key press to an action in the current context.
    pub fn action_for(&self, key: KeyEvent) -> Option<Action> {
        keymap::resolve(self.context(), key)
    }

    /// The record selected in the current pane's list.
    pub fn selected(&self) -> Option<RecordRef> {
        let kind = self.pane.kind();
        let index = self.cursors[self.pane as usize].selected;
        (index < self.data.count(kind)).then(|| RecordRef::new(kind, index))
    }

    /// Scroll of the detail on screen and the selected link, if any.
    pub fn detail_position(&self) -> (usize, Option<usize>) {
        match (self.focus, self.history.current()) {
            (Focus::Detail, Some(visit)) if self.search.is_none() => (visit.scroll, self.visible_link(visit)),
            _ => (self.preview_scroll, None),
        }
    }

    fn visible_link(&self, visit: &Visit) -> Option<usize> {
        self.doc.as_ref().filter(|d| visit.link < d.links.len()).map(|_| visit.link)
    }

    /// The breadcrumb: each visited record up to the current one (the pane's name before
    /// the first visit).
    pub fn breadcrumb(&self) -> Vec<String> {
        let trail = self.history.trail();
        if trail.is_empty() {
            return vec![self.pane.title().to_string()];
        }
        trail.iter().map(|visit| self.crumb(visit.record)).collect()
    }

    fn crumb(&self, r: RecordRef) -> String {
        match r.kind {
            Kind::Quote | Kind::Source => format!("{} {}", r.kind.name(), self.data.id(r)),
            _ => crate::text::truncate_to_width(&self.data.label(r), 28),
        }
    }

    // ----- the one mutation point -----

    /// Apply an action. Returns a follow-up action when one is implied (none yet; kept so
    /// callers loop the Elm way).
    pub fn update(&mut self, action: Action) -> Option<Action> {
        if !matches!(action, Action::Resized { .. }) {
            self.status = None;
        }
        // The innermost layer the user is in gets the action first (the same order as the
        // key table's contexts); what it leaves goes to the browser below. Search results
        // belong to the search even while help is open over it.
        let handled = match self.context() {
            _ if matches!(action, Action::SearchFinished { .. }) && self.search.is_some() => {
                self.update_search(&action)
            }
            Context::Help => self.update_help(&action),
            Context::Reader => self.update_reader(&action),
            Context::Filter | Context::Search => self.update_search(&action),
            Context::List | Context::Detail => false,
        };
        if handled {
            self.refresh();
            return None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::StartFilter => self.start_search(Scope::Pane(self.pane)),
            Action::StartGlobalSearch => self.start_search(Scope::Everything),
            Action::OpenReader => self.read_selected(),
            Action::ShowDetails => self.show_details(),
            Action::NextQuote
            | Action::PreviousQuote
            | Action::RandomQuote
            | Action::WiderColumn
            | Action::NarrowerColumn
            | Action::ResetColumn
            | Action::CopyQuote
            | Action::CopyLink => {}
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::SearchFinished { .. }
            | Action::InsertChar(_)
            | Action::DeleteCharBefore
            | Action::DeleteCharAfter
            | Action::ClearQuery
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::NextFacet
            | Action::PreviousFacet
            | Action::ToggleExact => {}
            Action::Resized { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                if let Some(help) = &mut self.help {
                    help.resize(self.size);
                }
            }
            Action::ToggleHelp => {
                if self.help.is_some() {
                    self.help = None;
                } else {
                    self.open_help();
                }
            }
            Action::Cancel => match (&self.help, self.focus) {
                (Some(_), _) => self.help = None,
                (None, Focus::Detail) => self.focus = Focus::List,
                (None, Focus::List) => {}
            },
            Action::NextPane => self.show_pane(self.pane.next()),
            Action::PreviousPane => self.show_pane(self.pane.previous()),
            Action::ShowPane(pane) => self.show_pane(pane),
            Action::FocusList => self.focus = Focus::List,
            Action::Open => self.open_selected(),
            Action::Back => self.go(History::back, "Nothing to go back to"),
            Action::Forward => self.go(History::forward, "Nothing ahead in history"),
            Action::SelectNext => self.step(1),
            Action::SelectPrevious => self.step(-1),
            Action::SelectFirst => self.jump(isize::MIN / 2),
            Action::SelectLast => self.jump(isize::MAX / 2),
            Action::HalfPageDown => self.jump(self.page() as isize / 2),
            Action::HalfPageUp => self.jump(-(self.page() as isize / 2)),
            Action::PageDown => self.jump(self.page() as isize),
            Action::PageUp => self.jump(-(self.page() as isize)),
            Action::ClickedAt { column, row } => self.click(column, row),
            Action::ScrolledAt { column, row, lines } => self.wheel(column, row, isize::from(lines) * WHEEL_LINES),
        }
        self.refresh();
        None
    }

    /// Actions while a search is open; returns false for the ones handled as usual
    /// (quit, resize, help). The mouse reaches only the results: the list and detail
    /// under the search are not the user's to change until it closes.
    fn update_search(&mut self, action: &Action) -> bool {
        match action {
            Action::InsertChar(c) => {
                let c = *c;
                self.edit_query(|input, cursor| {
                    let at = byte_at(input, *cursor);
                    input.insert(at, c);
                    *cursor += 1;
                });
            }
            Action::DeleteCharBefore => self.edit_query(|input, cursor| {
                if *cursor > 0 {
                    let at = byte_at(input, *cursor - 1);
                    input.remove(at);
                    *cursor -= 1;
                }
            }),
            Action::DeleteCharAfter => self.edit_query(|input, cursor| {
                if *cursor < input.chars().count() {
                    let at = byte_at(input, *cursor);
                    input.remove(at);
                }
            }),
            Action::ClearQuery => self.edit_query(|input, cursor| {
                input.clear();
                *cursor = 0;
            }),
            Action::CursorLeft => self.edit_query(|_, cursor| *cursor = cursor.saturating_sub(1)),
            Action::CursorRight => self.edit_query(|_, cursor| *cursor += 1),
            Action::CursorStart => self.edit_query(|_, cursor| *cursor = 0),
            Action::CursorEnd => self.edit_query(|input, cursor| *cursor = input.chars().count()),
            Action::NextFacet => self.cycle_facet(true),
            Action::PreviousFacet => self.cycle_facet(false),
            Action::ToggleExact => self.toggle_exact(),
            Action::SelectNext => self.move_results(1),
            Action::SelectPrevious => self.move_results(-1),
            Action::PageDown => self.move_results(self.list_rows() as isize),
            Action::PageUp => self.move_results(-(self.list_rows() as isize)),
            Action::Open => self.open_result(),
            Action::Cancel => self.close_search(),
            Action::ScrolledAt { column, row, lines } => {
                if self.layout().and_then(|l| l.list).is_some_and(|r| r.contains(Position::new(*column, *row))) {
                    self.move_results(isize::from(*lines) * WHEEL_LINES);
                }
            }
            Action::ClickedAt { column, row } => self.click_result(*column, *row),
            Action::SearchFinished { generation, hits, done } => self.search_finished(*generation, hits.clone(), *done),
            _ => return false,
        }
        true
    }

    /// Actions while help is open: keys are the browser's scroll and close actions (handled
    /// as usual); the wheel scrolls the help and a click does nothing.
    fn update_help(&mut self, action: &Action) -> bool {
        match action {
            Action::ScrolledAt { lines, .. } => self.scroll_help(isize::from(*lines) * WHEEL_LINES),
            Action::ClickedAt { .. } => {}
            _ => return false,
        }
        true
    }

    /// Actions while the reader is open; false for the ones handled as usual.
    fn update_reader(&mut self, action: &Action) -> bool {
        let page = self.size.height.saturating_sub(4).max(1) as isize;
        match action {
            Action::NextQuote => self.reader_step(true),
            Action::PreviousQuote => self.reader_step(false),
            Action::RandomQuote => self.reader_random(),
            Action::WiderColumn => self.change_reader_width(1),
            Action::NarrowerColumn => self.change_reader_width(-1),
            Action::ResetColumn => self.change_reader_width(0),
            Action::CopyQuote => self.copy(true),
            Action::CopyLink => self.copy(false),
            Action::SelectNext => self.reader_scroll(1),
            Action::SelectPrevious => self.reader_scroll(-1),
            Action::PageDown => self.reader_scroll(page),
            Action::PageUp => self.reader_scroll(-page),
            Action::SelectFirst => self.reader_scroll(isize::MIN / 2),
            Action::SelectLast => self.reader_scroll(isize::MAX / 2),
            Action::ShowDetails => self.reader_details(),
            Action::Cancel => self.close_reader(),
            Action::ToggleHelp => self.open_help(),
            // Nothing under the reader changes while it is open: the wheel scrolls the quote,
            // a click does nothing.
            Action::ScrolledAt { lines, .. } => self.reader_scroll(isize::from(*lines) * WHEEL_LINES),
            Action::ClickedAt { .. } => {}
            _ => return false,
        }
        true
    }

    /// `r`: read the selected quote (list), the selected quote link, or the quote shown.
    fn read_selected(&mut self) {
        match self.focus {
            Focus::List => match self.selected() {
                Some(record) if record.kind == Kind::Quote => self.read_in_pane(record),
                _ => self.status = Some("Select a quote to read it".into()),
            },
            Focus::Detail => {
                if self.read_quote_link() {
                    return;
                }
                match self.history.current().map(|v| v.record).filter(|r| r.kind == Kind::Quote) {
                    Some(record) => self.read_in_pane(record),
                    None => self.status = Some("Select a quote link to read it".into()),
                }
            }
        }
    }

    /// Read a quote within all quotes, in list order.
    fn read_in_pane(&mut self, record: RecordRef) {
        let all: Vec<RecordRef> = self.data.records(Kind::Quote).collect();
        self.open_reader(all, record.index, "all quotes".into(), None);
    }

    /// The selected link of the detail, with the items of its group and its index there.
    fn selected_link(&self) -> Option<(RecordRef, Vec<RecordRef>, usize)> {
        let doc = self.doc.as_ref()?;
        let visit = self.history.current()?;
        let target = *doc.links.get(visit.link)?;
        let groups = self.data.link_groups(doc.record);
        let mut before = 0;
        for group in groups {
            if visit.link < before + group.items.len() {
                return Some((target, group.items, visit.link - before));
            }
            before += group.items.len();
        }
        None
    }

    fn group_name(&self) -> String {
        match self.history.current() {
            Some(visit) => {
                format!("quotes linked from {}", crate::text::truncate_to_width(&self.data.label(visit.record), 40))
            }
            None => "quotes".into(),
        }
    }

    /// `l`/→: the record's detail page — the selected row, or the selected link as a page.
    fn show_details(&mut self) {
        match self.focus {
            Focus::List => {
                if let Some(record) = self.selected() {
                    self.visit(record);
                }
            }
            Focus::Detail => self.follow_link(),
        }
    }

    fn show_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.focus = Focus::List;
        self.preview_scroll = 0;
    }

    fn go(&mut self, step: fn(&mut History) -> bool, nothing: &str) {
        if !step(&mut self.history) {
            self.status = Some(nothing.to_string());
            return;
        }
        match self.history.current().map(|v| v.record) {
            Some(record) => {
                self.reveal(record);
                self.focus = Focus::Detail;
            }
            None => self.focus = Focus::List,
        }
    }

    /// Open a record in the detail as a new history entry and show it in its pane.
    fn visit(&mut self, record: RecordRef) {
        self.search = None;
        self.history.visit(record);
        self.reveal(record);
        self.focus = Focus::Detail;
        self.help = None;
    }

    /// Select a record in its pane's list (sources have no pane: the list stays).
    fn reveal(&mut self, record: RecordRef) {
        if let Some(pane) = Pane::of(record.kind) {
            self.pane = pane;
            let (len, rows) = (self.data.count(record.kind), self.list_rows());
            self.cursors[pane as usize].select(record.index, len, rows);
        }
    }

    /// Enter: quotes open in the reader, everything else as a detail page.
    fn open_selected(&mut self) {
        match self.focus {
            Focus::List => match self.selected() {
                Some(record) if record.kind == Kind::Quote => self.read_in_pane(record),
                Some(record) => self.visit(record),
                None => {}
            },
            Focus::Detail => {
                if !self.read_quote_link() {
                    self.follow_link();
                }
            }
        }
    }

    fn link_visible(&self) -> bool {
        let rows = self.detail_rows();
        match (&self.doc, self.history.current()) {
            (Some(doc), Some(visit)) => {
                doc.link_rows.get(visit.link).is_some_and(|&r| r >= visit.scroll && r < visit.scroll + rows)
            }
            _ => false,
        }
    }

    fn follow_link(&mut self) {
        let (Some(doc), Some(visit)) = (&self.doc, self.history.current()) else { return };
        let Some(&target) = doc.links.get(visit.link) else {
            self.status = Some("No links here".into());
            return;
        };
        if self.link_visible() {
            self.visit(target);
        } else {
            // Never follow a link the reader cannot see: bring it into view first.
            self.ensure_link_visible();
        }
    }

    /// Enter or `r` on a quote link: open the reader on the link's group, or, when the link
    /// is off screen, bring it into view first (as for any link). False if not a quote link.
    fn read_quote_link(&mut self) -> bool {
        let Some((_, group, at)) = self.selected_link().filter(|(target, _, _)| target.kind == Kind::Quote) else {
            return false;
        };
        if self.link_visible() {
            let name = self.group_name();
            self.open_reader(group, at, name, None);
        } else {
            self.ensure_link_visible();
        }
        true
    }

    fn page(&self) -> usize {
        match (&self.help, self.focus) {
            (Some(_), _) => usize::from(self.size.height.saturating_sub(4)).max(1),
            (None, Focus::Detail) => self.detail_rows(),
            (None, Focus::List) => self.list_rows(),
        }
    }

    fn list_rows(&self) -> usize {
        self.layout().map_or(1, |l| l.list_rows())
    }

    fn detail_rows(&self) -> usize {
        self.layout().map_or(1, |l| l.detail_rows())
    }

    fn list_len(&self) -> usize {
        self.data.count(self.pane.kind())
    }

    /// j/k: one row in a list; in a detail, the next link once it is on screen, otherwise
    /// one line of scrolling, so prose between links can be read.
    fn step(&mut self, delta: isize) {
        if self.help.is_some() {
            self.scroll_help(delta);
            return;
        }
        match self.focus {
            Focus::List => self.move_list(delta),
            Focus::Detail => self.step_detail(delta),
        }
    }

    /// Scroll the help, kept in range here (not only when drawn) so `k` after `G` moves.
    fn scroll_help(&mut self, delta: isize) {
        if let Some(help) = &mut self.help {
            help.scroll_by(delta);
        }
    }

    fn move_list(&mut self, delta: isize) {
        let (len, rows) = (self.list_len(), self.list_rows());
        self.cursors[self.pane as usize].move_by(delta, len, rows);
        self.preview_scroll = 0;
    }

    fn step_detail(&mut self, delta: isize) {
        let rows = self.detail_rows();
        let Some(doc) = &self.doc else { return };
        let Some(visit) = self.history.current_mut() else { return };
        let target = visit.link as isize + delta;
        let target_row = usize::try_from(target).ok().and_then(|t| doc.link_rows.get(t).copied());
        match target_row {
            Some(row) if row >= visit.scroll && row < visit.scroll + rows => visit.link = target as usize,
            _ => {
                let max = doc.lines.len().saturating_sub(rows);
                visit.scroll = visit.scroll.saturating_add_signed(delta).min(max);
            }
        }
    }

    /// g/G, paging: jump the list selection, or scroll the detail and select the first link
    /// in view.
    fn jump(&mut self, delta: isize) {
        if self.help.is_some() {
            self.scroll_help(delta);
            return;
        }
        match self.focus {
            Focus::List => self.move_list(delta),
            Focus::Detail => {
                self.scroll_detail(delta);
                if delta >= isize::MAX / 2
                    && let (Some(doc), Some(visit)) = (&self.doc, self.history.current_mut())
                {
                    visit.link = doc.links.len().saturating_sub(1);
                }
            }
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        let rows = self.detail_rows();
        let Some(doc) = &self.doc else { return };
        let max = doc.lines.len().saturating_sub(rows);
        match (self.focus, self.history.current_mut()) {
            (Focus::Detail, Some(visit)) => {
                visit.scroll = visit.scroll.saturating_add_signed(delta).min(max);
                if let Some(first) = doc.link_rows.iter().position(|&r| r >= visit.scroll && r < visit.scroll + rows) {
                    let current = doc.link_rows.get(visit.link).copied().unwrap_or(usize::MAX);
                    if current < visit.scroll || current >= visit.scroll + rows {
                        visit.link = first;
                    }
                }
            }
            _ => self.preview_scroll = self.preview_scroll.saturating_add_signed(delta).min(max),
        }
    }

    fn ensure_link_visible(&mut self) {
        let rows = self.detail_rows();
        let (Some(doc), Some(visit)) = (&self.doc, self.history.current_mut()) else { return };
        if let Some(&row) = doc.link_rows.get(visit.link) {
            if row < visit.scroll {
                visit.scroll = row;
            } else if row >= visit.scroll + rows {
                visit.scroll = row + 1 - rows;
            }
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(layout) = self.layout() else { return };
        let at = ratatui::layout::Position::new(column, row);
        if layout.tabs.contains(at) {
            let counts = self.pane_counts();
            let hit = layout::tabs(layout.tabs.width, counts).into_iter().find(|(_, start, label)| {
                let x = column - layout.tabs.x;
                x >= *start && usize::from(x - start) < crate::text::width(label)
            });
            if let Some((pane, _, _)) = hit {
                self.show_pane(pane);
            }
        } else if let Some(list) = layout.list.filter(|r| r.contains(at)) {
            if row > list.y && row < list.bottom().saturating_sub(1) {
                let index = self.cursor(self.pane).offset + usize::from(row - list.y - 1);
                if index < self.list_len() {
                    self.focus = Focus::List;
                    let (len, rows) = (self.list_len(), self.list_rows());
                    self.cursors[self.pane as usize].select(index, len, rows);
                    self.preview_scroll = 0;
                }
            }
        } else if let Some(text) = layout.detail_text().filter(|r| r.contains(at)) {
            self.click_detail(usize::from(row - text.y));
        }
    }

    fn click_detail(&mut self, row_on_screen: usize) {
        let (scroll, _) = self.detail_position();
        let line = scroll + row_on_screen;
        let Some(link) = self.doc.as_ref().and_then(|d| d.lines.get(line)).and_then(|l| l.link) else { return };
        if self.focus == Focus::List
            && let Some(record) = self.selected()
        {
            // Clicking a link in the preview opens the previewed record first.
            self.visit(record);
            if let Some(visit) = self.history.current_mut() {
                visit.scroll = scroll;
            }
        }
        if let Some(visit) = self.history.current_mut() {
            visit.link = link;
        }
    }

    fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        let Some(layout) = self.layout() else { return };
        let at = ratatui::layout::Position::new(column, row);
        if layout.list.is_some_and(|r| r.contains(at)) {
            self.move_list(lines);
        } else if layout.detail.is_some_and(|r| r.contains(at)) {
            self.scroll_detail(lines);
        }
    }

    pub fn pane_counts(&self) -> [usize; 5] {
        Pane::ALL.map(|p| self.data.count(p.kind()))
    }

    /// Recompute what depends on size and selection, keeping everything in range.
    fn refresh(&mut self) {
        if self.focus == Focus::Detail && self.history.current().is_none() {
            self.focus = Focus::List;
        }
        let rows = self.list_rows();
        for pane in Pane::ALL {
            let len = self.data.count(pane.kind());
            self.cursors[pane as usize].keep_visible(len, rows);
        }
        self.refresh_result_rows();
        let shown = match (&self.search, self.focus) {
            (Some(search), _) => search.selected(),
            (None, Focus::Detail) => self.history.current().map(|v| v.record),
            (None, Focus::List) => self.selected(),
        };
        let width = self.layout().and_then(|l| l.detail_text()).map(|r| r.width);
        let query = shown.and_then(|r| self.highlight_query_for(r));
        self.doc = match (shown, width) {
            (Some(record), Some(width)) => match self.doc.take() {
                Some(doc) if doc.record == record && doc.width == width && doc.query == query => Some(doc),
                _ => {
                    let highlights = query.as_ref().map(|q| self.index.highlights(record, q)).unwrap_or_default();
                    Some(DetailDoc::build(&self.data, record, width, &highlights, query))
                }
            },
            _ => None,
        };
        let detail_rows = self.detail_rows();
        let max = self.doc.as_ref().map_or(0, |d| d.lines.len().saturating_sub(detail_rows));
        self.preview_scroll = self.preview_scroll.min(max);
        let links = self.doc.as_ref().map_or(0, |d| d.links.len());
        if self.focus == Focus::Detail
            && self.search.is_none()
            && let Some(visit) = self.history.current_mut()
        {
            visit.scroll = visit.scroll.min(max);
            visit.link = visit.link.min(links.saturating_sub(1));
        }
    }
}

/// Byte offset of the `chars`-th character (or the end).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}
