//! The browser under every overlay: the list half ([`Browse`]), the detail half
//! ([`Detail`]) and which of them has the keyboard. It handles the keys of the List and
//! Detail contexts and the mouse over them; opening a record or the reader goes back to the
//! router as a request.

use ratatui::layout::Position;

use super::browse::{Browse, Focus, Motion};
use super::detail::Detail;
use super::effect::Effect;
use super::layout::AppLayout;
use super::request::{Outbox, ReadRequest, Request};
use super::rows::Rows;
use super::search::{Direction, Scope};
use super::{Action, History, Pane};
use crate::data::{Dataset, Kind, RecordRef};

/// What the browser reads from the app for one message.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub data: &'a Dataset<'static>,
    pub story: &'a super::Story,
    pub layout: Option<AppLayout>,
}

impl View<'_> {
    pub fn list_rows(&self) -> usize {
        self.layout.map_or(1, |l| l.list_rows())
    }

    pub fn detail_rows(&self) -> usize {
        self.layout.map_or(1, |l| l.detail_rows())
    }
}

#[derive(Debug, Clone)]
pub struct Browser {
    focus: Focus,
    browse: Browse,
    detail: Detail,
    /// The view when a search opened, put back when it closes.
    before_search: Option<Snapshot>,
    /// A restored session's selection in the Overview or the Timeline, selected when the
    /// story that lists it arrives (`set_story_rows`).
    awaiting_story: Option<RecordRef>,
}

/// What the user saw: the pane, its selection, the focus and the visit.
#[derive(Debug, Clone)]
struct Snapshot {
    focus: Focus,
    browse: Browse,
    visit: Option<usize>,
}

impl Default for Browser {
    fn default() -> Self {
        Self {
            focus: Focus::List,
            browse: Browse::default(),
            detail: Detail::default(),
            before_search: None,
            awaiting_story: None,
        }
    }
}

impl Browser {
    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn browse(&self) -> &Browse {
        &self.browse
    }

    /// The Overview lists the speakers of its chart, the Timeline the events by date; a
    /// selection waiting for them is made, unless the user has gone elsewhere meanwhile.
    pub fn set_story_rows(&mut self, data: &Dataset, story: &super::Story, height: usize) {
        let speakers: Vec<RecordRef> = story.charts.speakers.iter().map(|&(p, _)| p).collect();
        self.browse.set_rows(data, Pane::Overview, Rows::Listed(speakers.into()), height, false);
        let events: Vec<RecordRef> = story.timeline.entries.iter().map(|e| e.event).collect();
        self.browse.set_rows(data, Pane::Timeline, Rows::Listed(events.into()), height, false);
        let story_pane = matches!(self.browse.pane(), Pane::Overview | Pane::Timeline);
        if let Some(record) = self.awaiting_story.take()
            && story_pane
            && self.focus == Focus::List
        {
            self.select_in_pane(data, record, height);
        }
    }

    /// Select `record` in the shown story pane once the story has come (a restored
    /// session's selection, while `Story::counting`).
    pub fn await_story(&mut self, record: RecordRef) {
        self.awaiting_story = Some(record);
        self.focus = Focus::List;
    }

    pub fn detail(&self) -> &Detail {
        &self.detail
    }

    pub fn detail_mut(&mut self) -> &mut Detail {
        &mut self.detail
    }

    /// Remember the view a search opens over.
    pub fn remember_view(&mut self) {
        let visit = self.detail.history().position();
        self.before_search = Some(Snapshot { focus: self.focus, browse: self.browse.clone(), visit });
    }

    /// Put back the view from before the search (what a result opened stays in history).
    pub fn restore_view(&mut self) {
        let Some(before) = self.before_search.take() else { return };
        self.focus = before.focus;
        self.browse = before.browse;
        self.detail.return_to(before.visit);
    }

    /// Open a record in the detail as a new history entry and show it in its pane.
    pub fn visit(&mut self, view: View, record: RecordRef) {
        self.detail.visit(record);
        self.browse.reveal(view.data, record, view.list_rows());
        self.focus = Focus::Detail;
    }

    /// Select a record in its pane's list, with the list focused (a restored session).
    pub fn select_in_pane(&mut self, data: &Dataset, record: RecordRef, rows: usize) {
        // The pane shown may list it (a speaker on the Overview's chart); else its own pane.
        let pane = self.browse.pane();
        match self.browse.rows(pane).position(record) {
            Some(row) => self.browse.select_row(data, row, rows),
            None => self.browse.reveal(data, record, rows),
        }
        self.focus = Focus::List;
    }

    /// The record the detail shows when no search is open: the visit, or the list's selection.
    pub fn shown(&self, data: &Dataset) -> Option<RecordRef> {
        match self.focus {
            Focus::Detail => self.detail.current(),
            // The Overview's list is its chart; beside it is always the series.
            Focus::List if self.browse.pane() == Pane::Overview => Some(data.series_ref()),
            Focus::List => self.browse.selected(data),
        }
    }

    /// Focus falls back to the list when there is no visit to show.
    pub fn keep_focus_valid(&mut self) {
        if self.focus == Focus::Detail && self.detail.current().is_none() {
            self.focus = Focus::List;
        }
    }

    /// Keep every pane's selection in the list's window.
    pub fn keep_visible(&mut self, view: View) {
        self.browse.keep_visible(view.data, view.list_rows());
    }

    /// Keys of the list and the detail, and those every layer leaves to the browser.
    pub fn update(&mut self, view: View, action: Action, out: &mut Outbox) {
        match action {
            Action::Quit => out.send(Request::Run(Effect::Quit)),
            Action::Suspend => out.send(Request::Run(Effect::Suspend)),
            Action::ToggleHelp => out.send(Request::OpenHelp),
            Action::Cancel => self.focus = Focus::List,
            Action::StartFilter => out.send(Request::StartSearch(Scope::Pane(self.browse.pane()))),
            Action::StartGlobalSearch => out.send(Request::StartSearch(Scope::Everything)),
            Action::OpenReader => self.read_selected(view, out),
            Action::ShowDetails => match self.focus {
                // `l` on the Overview goes into the series page beside the chart.
                Focus::List if self.browse.pane() == Pane::Overview => out.send(Request::Visit(view.data.series_ref())),
                Focus::List => {
                    if let Some(record) = self.browse.selected(view.data) {
                        out.send(Request::Visit(record));
                    }
                }
                Focus::Detail => self.follow_link(view, out),
            },
            Action::Open => match (self.focus, self.browse.selected(view.data)) {
                (Focus::List, Some(record)) if record.kind == Kind::Quote => read_in_pane(view, record, out),
                (Focus::List, Some(record)) => out.send(Request::Visit(record)),
                (Focus::List, None) => {}
                (Focus::Detail, _) => {
                    if !self.read_quote_link(view, out) {
                        self.follow_link(view, out);
                    }
                }
            },
            Action::NextMatch => out.send(Request::StepMatch(Direction::Forward)),
            Action::PreviousMatch => out.send(Request::StepMatch(Direction::Backward)),
            Action::NextPane => self.show_pane(self.browse.pane().next()),
            Action::PreviousPane => self.show_pane(self.browse.pane().previous()),
            Action::ShowPane(pane) => self.show_pane(pane),
            Action::CycleOrder | Action::SetOrder(_) => {
                let changed = match action {
                    Action::SetOrder(order) => self.browse.set_order(view.data, order, view.list_rows()),
                    _ => self.browse.cycle_order(view.data, view.list_rows()),
                };
                if changed {
                    let pane = self.browse.pane();
                    out.say(format!("{}: {}", pane.title(), self.browse.order(pane).label(pane.kind())));
                    self.detail.reset_preview();
                } else {
                    let pane = self.browse.pane();
                    let orders = super::order::Order::cycle(pane.kind());
                    if orders.len() < 2 || matches!(pane, Pane::Overview | Pane::Timeline) {
                        out.say(format!("The {} keeps one order", pane.title()));
                    } else {
                        let names: Vec<&str> = orders.iter().map(|o| o.name()).collect();
                        out.say(format!("{} sort by {}", pane.title(), names.join(", ")));
                    }
                }
            }
            Action::NextSection => self.section(view, true),
            Action::PreviousSection => self.section(view, false),
            Action::FocusList => self.focus = Focus::List,
            Action::Back => self.go(view, History::back, "Nothing to go back to", out),
            Action::Forward => self.go(view, History::forward, "Nothing ahead in history", out),
            Action::SelectNext => self.step(view, 1),
            Action::SelectPrevious => self.step(view, -1),
            Action::SelectFirst => self.jump(view, Motion::First),
            Action::SelectLast => self.jump(view, Motion::Last),
            Action::GoTo(n) => self.go_to(view, (n as usize).saturating_sub(1)),
            Action::HalfPageDown => self.jump(view, Motion::By(self.page(view) as isize / 2)),
            Action::HalfPageUp => self.jump(view, Motion::By(-(self.page(view) as isize / 2))),
            Action::PageDown => self.jump(view, Motion::By(self.page(view) as isize)),
            Action::PageUp => self.jump(view, Motion::By(-(self.page(view) as isize))),
            // The reader's and the search's own keys do nothing here.
            _ => {}
        }
    }

    /// `]`/`[`: the next or previous decade in the Timeline's list; in a detail, the next or
    /// previous section heading.
    fn section(&mut self, view: View, forward: bool) {
        match self.focus {
            Focus::List if self.browse.pane() == Pane::Timeline => {
                let at = self.browse.cursor(Pane::Timeline).selected;
                if let Some(row) = view.story.timeline.next_decade(at, forward) {
                    self.browse.select_row(view.data, row, view.list_rows());
                    self.detail.reset_preview();
                }
            }
            Focus::List => {}
            Focus::Detail => self.detail.jump_section(forward, view.detail_rows()),
        }
    }

    fn show_pane(&mut self, pane: Pane) {
        self.browse.show_pane(pane);
        self.focus = Focus::List;
        self.detail.reset_preview();
    }

    fn go(&mut self, view: View, step: fn(&mut History) -> bool, nothing: &str, out: &mut Outbox) {
        if !self.detail.go(step) {
            out.say(nothing);
            return;
        }
        match self.detail.current() {
            Some(record) => {
                self.browse.reveal(view.data, record, view.list_rows());
                self.focus = Focus::Detail;
            }
            None => self.focus = Focus::List,
        }
    }

    /// `r`: read the selected quote (list), the selected quote link, or the quote shown.
    fn read_selected(&mut self, view: View, out: &mut Outbox) {
        match self.focus {
            Focus::List => match self.browse.selected(view.data) {
                Some(record) if record.kind == Kind::Quote => read_in_pane(view, record, out),
                _ => out.say("Select a quote to read it"),
            },
            Focus::Detail => {
                if self.read_quote_link(view, out) {
                    return;
                }
                match self.detail.current().filter(|r| r.kind == Kind::Quote) {
                    Some(record) => read_in_pane(view, record, out),
                    None => out.say("Select a quote link to read it"),
                }
            }
        }
    }

    fn follow_link(&mut self, view: View, out: &mut Outbox) {
        if self.detail.doc().is_none() || self.detail.current().is_none() {
            return;
        }
        let Some(target) = self.detail.selected_link() else {
            out.say("No links here");
            return;
        };
        if self.detail.link_visible(view.detail_rows()) {
            out.send(Request::Visit(target));
        } else {
            // Never follow a link the reader cannot see (none is highlighted): say so.
            out.say("No link on screen: j/k or ]/[ move to one");
        }
    }

    /// Enter or `r` on a quote link: open the reader on the link's group, or, when the link
    /// is off screen, bring it into view first (as for any link). False if not a quote link.
    fn read_quote_link(&mut self, view: View, out: &mut Outbox) -> bool {
        if self.detail.selected_link().is_none_or(|target| target.kind != Kind::Quote) {
            return false;
        }
        let Some((collection, position)) = self.detail.selected_group() else { return false };
        if !self.detail.link_visible(view.detail_rows()) {
            out.say("No link on screen: j/k or ]/[ move to one");
            return true;
        }
        let name = match self.detail.current() {
            Some(record) => {
                format!("quotes linked from {}", crate::text::truncate_to_width(&view.data.label(record), 40))
            }
            None => "quotes".into(),
        };
        out.send(Request::Read(ReadRequest { collection, position, name, query: None }));
        true
    }

    /// j/k: one row in a list; in a detail, the next link once it is on screen.
    fn step(&mut self, view: View, delta: isize) {
        match self.focus {
            Focus::List => self.move_list(view, Motion::By(delta)),
            Focus::Detail => self.detail.step(delta, view.detail_rows()),
        }
    }

    /// g/G, paging: jump the list selection, or scroll the detail and select a link in view.
    fn jump(&mut self, view: View, motion: Motion) {
        match self.focus {
            Focus::List => self.move_list(view, motion),
            Focus::Detail => self.detail.jump(motion, view.detail_rows()),
        }
    }

    /// `12G`, `:12`: row 12 of the list, or link 12 of the detail (brought into view).
    fn go_to(&mut self, view: View, index: usize) {
        match self.focus {
            Focus::List => {
                self.browse.select_row(view.data, index, view.list_rows());
                self.detail.reset_preview();
            }
            Focus::Detail => {
                let links = self.detail.doc().map_or(0, |d| d.links.len());
                if links > 0 {
                    self.detail.select_link(index.min(links - 1), None);
                    self.detail.ensure_link_visible(view.detail_rows());
                }
            }
        }
    }

    fn move_list(&mut self, view: View, motion: Motion) {
        self.browse.move_by(view.data, motion, view.list_rows());
        self.detail.reset_preview();
    }

    fn page(&self, view: View) -> usize {
        match self.focus {
            Focus::Detail => view.detail_rows(),
            Focus::List => view.list_rows(),
        }
    }

    /// A click on a tab shows its pane, on a row selects it, on a link selects the link
    /// (opening the previewed record first, where it was scrolled to). A click on the row
    /// or link already selected opens it, as Enter does.
    pub fn click(&mut self, view: View, at: Position, out: &mut Outbox) {
        let Some(layout) = view.layout else { return };
        if let Some(pane) = self.browse.tab_at(view.data, &layout, at) {
            self.show_pane(pane);
        } else if layout.list.is_some_and(|r| r.contains(at)) {
            if let Some(index) = self.browse.row_at(view.data, &layout, at) {
                let again = self.focus == Focus::List && index == self.browse.cursor(self.browse.pane()).selected;
                self.focus = Focus::List;
                self.browse.select_row(view.data, index, view.list_rows());
                self.detail.reset_preview();
                if again {
                    self.update(view, Action::Open, out);
                }
            }
        } else if let Some(text) = layout.detail_text().filter(|r| r.contains(at)) {
            let visiting = self.focus == Focus::Detail;
            let Some(link) = self.detail.link_on_screen(usize::from(at.y - text.y), visiting) else { return };
            if self.focus == Focus::List
                && let Some(record) = self.shown(view.data)
            {
                let (scroll, _) = self.detail.position(false);
                self.visit(view, record);
                self.detail.select_link(link, Some(scroll));
            } else if self.detail.position(true).1 == Some(link) {
                self.follow_link(view, out);
            } else {
                self.detail.select_link(link, None);
            }
        }
    }

    /// The wheel scrolls the view under the pointer by lines: the list's window (the
    /// selection stays, pulled into the window only when it would leave it) or the detail.
    pub fn wheel(&mut self, view: View, at: Position, lines: isize) {
        let Some(layout) = view.layout else { return };
        if layout.list.is_some_and(|r| r.contains(at)) {
            self.browse.scroll_view(view.data, lines, view.list_rows());
        } else if layout.detail.is_some_and(|r| r.contains(at)) {
            let visiting = self.focus == Focus::Detail;
            self.detail.scroll(Motion::By(lines), view.detail_rows(), visiting);
        }
    }
}

/// Read a quote within all quotes, in list order.
fn read_in_pane(view: View, record: RecordRef, out: &mut Outbox) {
    let collection: Vec<RecordRef> = view.data.records(Kind::Quote).collect();
    out.send(Request::Read(ReadRequest { collection, position: record.index, name: "all quotes".into(), query: None }));
}
