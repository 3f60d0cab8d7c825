//! The model of the terminal browser and its one mutation point, [`App::update`].
//!
//! Flow: terminal event → [`keymap::resolve`] → [`Action`] (or an [`Internal`] message) →
//! `App::update` → [`Effects`] for the run loop → `ui::view(&App)`.
//!
//! `App` composes parts that own their state: [`Browse`] (panes and cursors), [`Detail`]
//! (history and the page on screen), [`Search`], [`Reading`] (the quote reader) and
//! [`HelpState`]. `update` hands each message to the innermost layer the user is in; a
//! part changes only itself and sends [`Request`]s for anything further, which the router
//! applies. What depends on the terminal size is laid out here (the detail page, the
//! reader's page, the help), so the view only draws.

mod action;
pub mod action_name;
pub mod bindings;
pub mod browse;
mod browser;
pub mod detail;
mod effect;
pub mod help;
mod history;
pub mod keeping;
pub mod keymap;
pub(crate) mod keymap_kept;
mod keypress;
pub mod keys;
pub mod layout;
mod mouse;
pub mod order;
pub mod palette;
mod pane;
mod picker;
pub mod reader;
mod request;
pub mod rows;
pub mod search;
mod session;
mod story;
mod theme;
mod yank;

use std::sync::Arc;

pub use action::{Action, Internal, Message, Yank};
pub use bindings::Keymap;
pub use browse::{Browse, Focus, Motion};
use browser::{Browser, View};
pub use detail::Detail;
pub use effect::{Effect, Effects};
pub use help::HelpState;
pub use history::{History, Visit};
pub use keeping::{Keeping, Persistence};
pub use keymap::Context;
pub use keypress::Pending;
pub use pane::{Cursor, Pane};
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
pub use reader::{Reader, Reading};
use request::{Outbox, Request};
pub use search::{Direction, Opened, Scope, Search, SearchState, Started};
pub use story::{CRUMBS, Story};
pub use theme::Theme;

use crate::data::{Dataset, RecordRef};
use crate::present::detail::DetailDoc;
use crate::search::SearchIndex;
use layout::AppLayout;

/// What every part reads and none owns.
#[derive(Debug, Clone)]
pub struct Shared {
    pub data: Arc<Dataset<'static>>,
    pub index: Arc<SearchIndex<'static>>,
    /// The Overview's charts and the Timeline, counted from the data once.
    pub story: Arc<Story>,
}

#[derive(Debug)]
pub struct App {
    shared: Shared,
    size: Rect,
    browser: Browser,
    search: Search,
    reading: Reading,
    help: Option<HelpState>,
    status: Option<String>,
    /// Marks, collections, the prompt and the history list (issue #16).
    keeping: Keeping,
    /// The key table in force (the defaults with the config's changes).
    keys: Arc<Keymap>,
    /// A prefix key or a count typed before the next key.
    pending: Pending,
    theme: Theme,
    /// Whether the view makes source URLs terminal hyperlinks (OSC 8).
    hyperlinks: bool,
    /// The command palette; it keeps its history while closed.
    palette: palette::PaletteState,
    palette_open: bool,
    /// The list's share of a wide terminal, in percent (config `[ui] list-width`).
    list_percent: u16,
    /// Set by a resize: scroll the selected link back into view once the page is laid out
    /// for the new size.
    keep_link_in_view: bool,
}

impl App {
    pub fn new(data: Arc<Dataset<'static>>) -> Self {
        let index = Arc::new(SearchIndex::build(&data));
        Self::with_index(data, index)
    }

    /// An app over a dataset whose search index is already built (shared with the worker).
    pub fn with_index(data: Arc<Dataset<'static>>, index: Arc<SearchIndex<'static>>) -> Self {
        let story = Arc::new(Story::build(&data));
        Self::with_story(data, index, story)
    }

    /// The same, with the Overview's charts and the Timeline left to make off the UI
    /// thread: the run loop builds them (`Story::build`) and sends `Internal::StoryCounted`,
    /// so the first frame of a million records does not wait for them.
    pub fn with_index_counting_later(data: Arc<Dataset<'static>>, index: Arc<SearchIndex<'static>>) -> Self {
        let story = Arc::new(Story::counting());
        Self::with_story(data, index, story)
    }

    fn with_story(data: Arc<Dataset<'static>>, index: Arc<SearchIndex<'static>>, story: Arc<Story>) -> Self {
        let mut app = Self {
            shared: Shared { data, index, story },
            size: Rect::new(0, 0, 80, 24),
            browser: Browser::default(),
            search: Search::default(),
            reading: Reading::default(),
            help: None,
            status: None,
            keeping: Keeping::default(),
            keys: Arc::new(Keymap::default()),
            pending: Pending::default(),
            theme: Theme::default(),
            hyperlinks: false,
            palette: palette::PaletteState::default(),
            palette_open: false,
            list_percent: layout::LIST_PERCENT,
            keep_link_in_view: false,
        };
        let rows = app.view().list_rows();
        app.browser.set_story_rows(&app.shared.data, &app.shared.story, rows);
        app.sync();
        app
    }

    /// Use a configured key table.
    pub fn set_keymap(&mut self, keys: Keymap) {
        self.keys = Arc::new(keys);
        self.sync();
    }

    /// The key table in force, for hints, help and the palette.
    pub fn keymap(&self) -> &Keymap {
        &self.keys
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn hyperlinks(&self) -> bool {
        self.hyperlinks
    }

    /// Draw source URLs as terminal hyperlinks (the run loop turns it on unless told not to;
    /// off by default so test buffers hold plain text).
    pub fn set_hyperlinks(&mut self, on: bool) {
        self.hyperlinks = on;
    }

    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    /// The list's share of a wide terminal, in percent (the config's `[ui] list-width`).
    pub fn set_list_width(&mut self, percent: u16) {
        self.list_percent = percent.clamp(10, 90);
        self.sync();
    }

    /// The reader's column width to open with and to reset to with `=` (the config's
    /// `[ui] reader-width`).
    pub fn set_reader_width(&mut self, width: u16) {
        self.reading.set_default_width(&self.shared.data, width, self.size);
    }

    /// New searches start exact (the config's `[search] mode = "exact"`); the exact key still toggles.
    pub fn set_exact_default(&mut self, exact: bool) {
        self.search.set_exact_default(exact);
    }

    /// A message for the status bar from outside the app (a broken config at start, an
    /// opener that could not start).
    pub fn notify(&mut self, message: impl Into<String>) {
        self.status = Some(crate::sanitize::line(&message.into()).into_owned());
    }

    /// Seed the random quote picker (the run loop uses the clock; tests keep the default).
    pub fn seed_random(&mut self, seed: u64) {
        self.reading.seed(seed);
    }

    /// Start on a record's detail (`--open KIND:ID`); the visit is kept like any other.
    pub fn open(&mut self, record: RecordRef) -> Effects {
        let mut out = Outbox::default();
        out.send(Request::Visit(record));
        let effects = self.apply(&mut out);
        self.sync();
        effects
    }

    // ----- read access for the view and tests -----

    pub fn data(&self) -> &Dataset<'static> {
        &self.shared.data
    }

    /// The search index, for running an `Effect::Search` inline (tests, small datasets).
    pub fn index(&self) -> &SearchIndex<'static> {
        &self.shared.index
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    pub fn pane(&self) -> Pane {
        self.browser.browse().pane()
    }

    pub fn focus(&self) -> Focus {
        self.browser.focus()
    }

    pub fn cursor(&self, pane: Pane) -> Cursor {
        self.browser.browse().cursor(pane)
    }

    pub fn history(&self) -> &History {
        self.browser.detail().history()
    }

    pub fn doc(&self) -> Option<&DetailDoc> {
        self.browser.detail().doc()
    }

    /// The command palette, while it is open.
    pub fn palette(&self) -> Option<&palette::PaletteState> {
        self.palette_open.then_some(&self.palette)
    }

    pub fn help(&self) -> Option<&HelpState> {
        self.help.as_ref()
    }

    /// How far the help is scrolled, while it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help.as_ref().map(HelpState::scroll)
    }

    pub fn search(&self) -> Option<&SearchState> {
        self.search.state()
    }

    pub fn reader(&self) -> Option<&Reader> {
        self.reading.reader()
    }

    /// The reader's preferred column width; kept while it is closed, and the view never
    /// exceeds the terminal.
    pub fn reader_column(&self) -> u16 {
        self.reading.width()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn layout(&self) -> Option<AppLayout> {
        let detail = self.focus() == Focus::Detail && !self.search.is_open();
        // The Timeline's lanes take the whole width while it has the keyboard.
        let full = self.pane() == Pane::Timeline && !self.search.is_open();
        AppLayout::with_list(self.size, detail, self.list_percent, full)
    }

    /// The key table in force.
    pub fn context(&self) -> Context {
        if self.palette_open {
            Context::Palette
        } else if self.help.is_some() {
            Context::Help
        } else {
            self.context_under_help()
        }
    }

    /// The key table under the help overlay (the one help describes while it is open).
    pub fn context_under_help(&self) -> Context {
        if let Some(overlay) = self.keeping.overlay() {
            return overlay;
        }
        match (self.reading.is_open(), self.search.state(), self.focus()) {
            (true, _, _) => Context::Reader,
            (false, Some(search), _) if search.scope == Scope::Everything => Context::Search,
            (false, Some(_), _) => Context::Filter,
            (false, None, Focus::Detail) => Context::Detail,
            (false, None, Focus::List) if self.keeping.shelf.is_shown() => Context::Collections,
            (false, None, Focus::List) => Context::List,
        }
    }

    /// The action a single key press means in the current context, if any (a prefix key
    /// or a digit that starts a count means none by itself: send [`Message::Key`] for those).
    pub fn action_for(&self, key: KeyEvent) -> Option<Action> {
        match self.keys.resolve(self.context(), None, keymap::Key::from_event(key)) {
            bindings::Resolved::Action(action) => Some(action),
            _ => None,
        }
    }

    /// The record selected in the current pane's list.
    pub fn selected(&self) -> Option<RecordRef> {
        self.browser.browse().selected(&self.shared.data)
    }

    /// Whether the detail on screen is the current visit with the keyboard.
    fn visiting(&self) -> bool {
        self.focus() == Focus::Detail && !self.search.is_open()
    }

    /// Scroll of the detail on screen and the selected link, if it is on screen: a link
    /// scrolled out of view is not highlighted, counted in the status bar or followed.
    pub fn detail_position(&self) -> (usize, Option<usize>) {
        let (scroll, link) = self.browser.detail().position(self.visiting());
        let rows = self.view().detail_rows();
        let doc = self.browser.detail().doc();
        (scroll, link.filter(|&l| doc.and_then(|d| d.link_row(l)).is_some_and(|r| r >= scroll && r < scroll + rows)))
    }

    /// What the browser under the overlays reads for one message.
    fn view(&self) -> View<'_> {
        View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() }
    }

    pub fn pane_counts(&self) -> [usize; Pane::ALL.len()] {
        self.browser.browse().counts(&self.shared.data)
    }

    // ----- the one mutation point -----

    /// Apply a message; returns what the run loop must do.
    pub fn update(&mut self, message: impl Into<Message>) -> Effects {
        let mut out = Outbox::default();
        let message = message.into();
        // Only what the user typed clears a message they may not have read yet.
        if message.is_typing() {
            self.status = None;
        }
        match message {
            Message::Key(key) => self.key(key, &mut out),
            Message::Action(action) => {
                self.pending = Pending::default();
                self.act(action, &mut out);
            }
            Message::Internal(internal) => self.internal(internal, &mut out),
        }
        for query in self.search.take_remembered() {
            self.keeping.kept.searched(&self.shared.data, &query, &mut out);
        }
        let effects = self.apply(&mut out);
        self.sync();
        effects
    }

    /// The innermost layer the user is in gets the action first (the same order as the key
    /// table's contexts); what it leaves goes to the browser below.
    fn act(&mut self, action: Action, out: &mut Outbox) {
        if action == Action::Cancel && self.back_to_results() {
            return;
        }
        if self.yank_applies(action) {
            match action {
                Action::Yank(what) => self.yank(what, out),
                _ => self.open_url(out),
            }
            return;
        }
        if self.router_acts(action, out) {
            return;
        }
        let rows = self.view().list_rows();
        let context = self.context();
        if context != Context::Help && context != Context::Palette {
            let (target, rows) = (self.mark_target(), self.keeping_rows(context));
            if self.keeping.update(&self.shared.data, context, action, target, rows, out) {
                self.after_keeping(action, out);
                return;
            }
        }
        if matches!(action, Action::ShowPane(_) | Action::NextPane | Action::PreviousPane) {
            self.keeping.shelf.hide();
        }
        let Shared { data, index, .. } = &self.shared;
        let handled = match context {
            Context::Help => self.help.as_mut().is_some_and(|help| help.update(action, out)),
            Context::Reader => self.reading.update((data, index), action, self.size, out),
            Context::Filter | Context::Search => self.search.update(data, action, rows, out),
            Context::Palette => self.palette.update(data, action, out),
            Context::List | Context::Detail | Context::Collections | Context::Prompt | Context::Trail => false,
        };
        if !handled {
            let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
            self.browser.update(view, action, out);
        }
    }

    /// Esc from the record or the reader a search result opened goes back to the results,
    /// with the query, the facet and the selected row as they were.
    fn back_to_results(&mut self) -> bool {
        match self.context() {
            Context::Reader if self.search.can_resume(Opened::Reader) => {
                self.reading.close();
                self.search.resume(Opened::Reader)
            }
            Context::Detail => match self.browser.detail().current() {
                Some(record) => self.search.resume(Opened::Page(record)),
                None => false,
            },
            _ => false,
        }
    }

    fn internal(&mut self, internal: Internal, out: &mut Outbox) {
        match internal {
            Internal::Resized { width, height } => self.resize(Rect::new(0, 0, width, height)),
            // Search results belong to the search even while help is open over it.
            Internal::SearchFinished { generation, hits, done } => {
                if self.palette.owns(generation) {
                    self.palette.finished(&self.shared.data, generation, &hits);
                } else {
                    self.search.finished(generation, hits, done);
                }
            }
            Internal::Clicked { column, row } => self.click(Position::new(column, row), out),
            Internal::Scrolled { column, row, lines } => self.wheel(Position::new(column, row), isize::from(lines)),
            Internal::Notice(message) => self.notify(message),
            Internal::StoryCounted(story) => self.story_counted(story),
            // A paste goes into the prompt; there is none under help.
            Internal::Pasted(text) => {
                if self.help.is_none() {
                    self.search.paste(&self.shared.data, &text, out);
                }
            }
            Internal::PersistenceFailed(reason) => self.persistence_failed(reason),
        }
    }

    fn resize(&mut self, size: Rect) {
        // A link that was on screen stays on screen at the new size (see `sync`).
        self.keep_link_in_view = self.visiting() && self.detail_position().1.is_some();
        self.size = size;
        self.palette.set_rows(usize::from(layout::palette_popup(size).1.height));
        if let Some(help) = &mut self.help {
            help.resize(size);
        }
        self.reading.resize(&self.shared.data, size);
    }

    /// Carry out what the parts asked for, in order; effects go back to the run loop.
    fn apply(&mut self, out: &mut Outbox) -> Effects {
        let mut effects = Effects::default();
        // Applying a request may raise more (opening a search asks for its results).
        loop {
            let requests = out.take();
            if requests.is_empty() {
                return effects;
            }
            for request in requests {
                match request {
                    Request::Visit(record) => {
                        self.visit(record);
                        self.keeping.kept.visited(&self.shared.data, record, out);
                    }
                    Request::Read(read) => {
                        let Shared { data, index, .. } = &self.shared;
                        self.reading.open(data, index, read, self.size);
                        if self.reading.is_open() {
                            self.help = None;
                        }
                    }
                    Request::StartSearch(scope) => {
                        self.help = None;
                        if self.search.start(&self.shared.data, scope, out) == Started::Fresh {
                            self.browser.remember_view();
                        }
                    }
                    Request::SearchClosed => self.browser.restore_view(),
                    Request::StepMatch(direction) => self.search.step_match(direction, out),
                    Request::Say(message) => self.status = Some(message),
                    Request::Run(effect) => effects.push(effect),
                    Request::OpenHelp => {
                        self.help = Some(HelpState::new(self.context_under_help(), &self.keys, self.size));
                    }
                    Request::CloseHelp => self.help = None,
                    Request::ClosePalette => self.palette_open = false,
                    Request::Act(action) => self.act(action, out),
                }
            }
        }
    }

    /// Open a record's detail: every overlay closes.
    fn visit(&mut self, record: RecordRef) {
        self.search.hide();
        self.help = None;
        let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
        self.browser.visit(view, record);
    }

    // ----- derived state -----

    /// Bring what is derived from state up to date: each part rebuilds only when its inputs
    /// changed (the detail page by record, width and query; the result rows by results and
    /// window), so an ignored message costs a few comparisons.
    fn sync(&mut self) {
        self.browser.keep_focus_valid();
        // The list's height changes with the size and, on narrow terminals, the focus.
        let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
        self.browser.keep_visible(view);
        let view = self.view();
        let (list_rows, detail_rows) = (view.list_rows(), view.detail_rows());
        let width = view.layout.and_then(|l| l.detail_text()).map(|r| r.width);
        let visiting = self.visiting();
        let Shared { data, index, .. } = &self.shared;
        self.search.refresh_rows(data, index, list_rows);
        let saved = self.keeping.kept.saved();
        self.keeping.shelf.keep_valid(saved, list_rows);
        if let Some(trail) = &mut self.keeping.trail {
            trail.keep_visible(session::trail_rows(self.size));
        }
        let shelf = &self.keeping.shelf;
        let shown = match self.search.state() {
            Some(search) => search.selected(),
            None if shelf.is_shown() && self.browser.focus() == Focus::List => shelf.selected_record(data, saved),
            None => self.browser.shown(data),
        };
        let query = shown.and_then(|r| self.search.highlight_query_for(r));
        let detail = self.browser.detail_mut();
        detail.show(data, index, shown, width, query);
        if std::mem::take(&mut self.keep_link_in_view) {
            detail.ensure_link_visible(detail_rows);
        }
        detail.clamp(detail_rows, visiting);
    }
}

impl App {
    /// The actions the router answers itself, wherever the user is: the palette, themes,
    /// opening a record by name, the reader's width by number.
    fn router_acts(&mut self, action: Action, out: &mut Outbox) -> bool {
        match action {
            Action::OpenPalette if !self.context().types() || self.context() == Context::Help => {
                self.help = None;
                self.palette.open(&self.keys, self.keeping.collection_names(), self.pane().kind());
                self.palette_open = true;
            }
            Action::CycleTheme => {
                self.theme = self.theme.next();
                out.say(format!("Theme: {}", self.theme.name()));
            }
            Action::SetTheme(theme) => {
                self.theme = theme;
                out.say(format!("Theme: {}", theme.name()));
            }
            Action::Visit(record) => {
                self.reading.close();
                self.visit(record);
                self.keeping.kept.visited(&self.shared.data, record, out);
            }
            Action::SetColumn(width) => {
                self.reading.set_width(&self.shared.data, width, self.size);
                out.say(format!("Reader column: {} (of {} here)", self.reading.width(), self.size.width));
            }
            _ => return false,
        }
        true
    }
}
