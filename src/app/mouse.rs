//! The mouse, routed like keys: to the layer on top, which decides what the cell under
//! the pointer means.

use ratatui::layout::Position;

use super::browser::View;
use super::request::Outbox;
use super::{Action, App, Context};

/// How far one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    /// A click goes to the layer on top: nothing in help or the reader, a result in a
    /// search, else a tab, a row or a link. A second click on what the first selected opens
    /// it, as Enter does (no clock involved: "the same thing again" is the double click).
    pub(super) fn click(&mut self, at: Position, out: &mut Outbox) {
        let rows = self.view().list_rows();
        match self.context() {
            Context::Help | Context::Reader | Context::Palette | Context::Prompt | Context::Trail => {}
            // In the Collections pane only the tab bar answers: a pane's tab shows it.
            Context::Collections => {
                if self.layout().is_some_and(|l| l.tabs.contains(at)) {
                    let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
                    self.browser.click(view, at, out);
                    self.keeping.shelf.hide();
                }
            }
            Context::Filter | Context::Search => {
                if self.search.click(self.layout(), at, rows) {
                    self.act(Action::Open, out);
                }
            }
            Context::List | Context::Detail if self.on_collections_tab(at) => {
                self.keeping.shelf.show();
                let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
                let mut out = super::request::Outbox::default();
                self.browser.update(view, super::Action::FocusList, &mut out);
            }
            Context::List | Context::Detail => {
                let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
                self.browser.click(view, at, out);
            }
        }
    }

    /// Whether a cell is on the Collections tab.
    fn on_collections_tab(&self, at: Position) -> bool {
        let Some(tabs) = self.layout().map(|l| l.tabs).filter(|r| r.contains(at)) else { return false };
        let collections = self.keeping.kept.saved().collections.len();
        let (_, tab) = super::keeping::tab::bar(tabs.width, self.pane_counts(), self.pane(), collections);
        tab.is_some_and(|(start, label)| {
            let x = at.x - tabs.x;
            x >= start && usize::from(x - start) < crate::text::width(&label)
        })
    }

    /// The wheel scrolls what is under the pointer, in the layer on top.
    pub(super) fn wheel(&mut self, at: Position, notches: isize) {
        let lines = notches * WHEEL_LINES;
        let rows = self.view().list_rows();
        match self.context() {
            Context::Help => {
                if let Some(help) = &mut self.help {
                    help.scroll_by(lines);
                }
            }
            Context::Reader => self.reading.wheel(notches),
            Context::Palette | Context::Prompt | Context::Trail => {}
            Context::Collections => {
                let motion = super::Motion::By(lines);
                self.keeping.shelf.move_by(self.keeping.kept.saved(), motion, rows);
            }
            Context::Filter | Context::Search => self.search.wheel(self.layout(), at, lines, rows),
            Context::List | Context::Detail => {
                let view = View { data: &self.shared.data, story: &self.shared.story, layout: self.layout() };
                self.browser.wheel(view, at, lines);
            }
        }
    }
}
