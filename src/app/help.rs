//! The help overlay's text, generated from the key table for the context it was opened
//! over and from the query language's one table. Built here, as toned lines, so `update`
//! knows how far the help scrolls and the view only draws what it is given.

use super::Action;
use super::keymap::{self, Context};
use super::request::{Outbox, Request};
use crate::present::{Spans, Tone};
use crate::search::query::SYNTAX;
use crate::text::truncate_to_width;

/// Width of the keys (or example) column.
const KEYS: usize = 22;

/// The help's lines for the context under it; `room` is the width inside the box.
pub fn lines(below: Context, room: usize) -> Vec<Spans> {
    let describe = room.saturating_sub(KEYS + 3);
    let row = |keys: &str, what: &str| -> Spans {
        vec![
            (Tone::Text, "  ".into()),
            (Tone::Key, format!("{:<KEYS$}", truncate_to_width(keys, KEYS))),
            (Tone::Text, " ".into()),
            (Tone::Text, truncate_to_width(what, describe)),
        ]
    };
    let mut lines = Vec::new();
    for (keys, what) in keymap::help(below) {
        lines.push(row(&keys, what));
    }
    lines.push(Vec::new());
    lines.push(vec![(Tone::Heading, "While this help is open".into())]);
    for (keys, what) in keymap::help(Context::Help) {
        lines.push(row(&keys, what));
    }
    lines.push(Vec::new());
    lines.push(vec![(Tone::Heading, "Search syntax (/ filters this pane, s searches everything)".into())]);
    for syntax in SYNTAX {
        lines.push(row(syntax.example, syntax.meaning));
    }
    if let Some(keys) = keymap::keys_for(&super::Action::ToggleExact, Context::Search) {
        lines.push(row(&keys, "exact matching on/off while searching"));
    }
    lines.push(Vec::new());
    // The keys named here come from the table too (the first of each binding).
    let first = |action: super::Action| {
        keymap::keys_for(&action, Context::Detail).and_then(|k| k.split('/').next().map(str::to_string))
    };
    if let (Some(open), Some(back)) = (first(super::Action::Open), first(super::Action::Back)) {
        lines.push(vec![(Tone::Dim, format!("Links in a detail are followed with {open}; {back} goes back."))]);
    }
    lines
}

/// The open help overlay: what it describes, its lines for the current width, and how far
/// it is scrolled (kept in range here, so `k` after `G` moves at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpState {
    below: Context,
    lines: Vec<Spans>,
    rows: usize,
    scroll: usize,
}

impl HelpState {
    /// Help over `below`, laid out for a terminal of `size`.
    pub fn new(below: Context, size: ratatui::layout::Rect) -> Self {
        let mut help = Self { below, lines: Vec::new(), rows: 1, scroll: 0 };
        help.resize(size);
        help
    }

    /// Lay the lines out again for a new terminal size.
    pub fn resize(&mut self, size: ratatui::layout::Rect) {
        let (_, inner) = super::layout::help_popup(size);
        self.lines = lines(self.below, usize::from(inner.width));
        self.rows = usize::from(inner.height);
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Keys while help is open: scrolling and closing; false for the rest (quit).
    pub fn update(&mut self, action: Action, out: &mut Outbox) -> bool {
        let page = self.rows.max(1) as isize;
        match action {
            Action::SelectNext => self.scroll_by(1),
            Action::SelectPrevious => self.scroll_by(-1),
            Action::SelectFirst => self.scroll_by(-(self.lines.len() as isize)),
            Action::SelectLast => self.scroll_by(self.lines.len() as isize),
            Action::HalfPageDown => self.scroll_by(page / 2),
            Action::HalfPageUp => self.scroll_by(-(page / 2)),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::ToggleHelp | Action::Cancel => out.send(Request::CloseHelp),
            _ => return false,
        }
        true
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.rows)
    }

    pub fn below(&self) -> Context {
        self.below
    }

    pub fn lines(&self) -> &[Spans] {
        &self.lines
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closing_line_names_the_keys_from_the_table() {
        let last = lines(Context::List, 70).pop().unwrap_or_default();
        assert_eq!(
            last,
            vec![(Tone::Dim, "Links in a detail are followed with Enter; Backspace goes back.".to_string())]
        );
    }
}
