//! The help overlay: every key of the context it was opened over, from the key table in
//! force, then help's own keys and the query syntax. Typing filters it (the palette's
//! matcher); Enter runs the selected action in the context below. Laid out here, as toned
//! lines sized to the content and the terminal, so the view only draws.

use ratatui::layout::Rect;

use super::bindings::Keymap;
use super::keymap::Context;
use super::picker::Picker;
use super::request::{Outbox, Request};
use super::{Action, layout};
use crate::present::{Spans, Tone};
use crate::search::query::SYNTAX;
use crate::text::{truncate_to_width, width};

/// The widest the keys column gets; longer key lists are cut.
const MAX_KEYS: usize = 22;
/// The widest the help box gets: beyond this, lines are hard to follow.
const MAX_WIDTH: usize = 100;

/// One row of help: keys (or a syntax example), what they do, and the action Enter runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpItem {
    pub section: usize,
    pub keys: String,
    pub what: String,
    pub action: Option<Action>,
}

/// The open help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpState {
    below: Context,
    sections: Vec<String>,
    items: Vec<HelpItem>,
    texts: Vec<String>,
    picker: Picker,
    keys_width: usize,
    /// Laid out for the box: lines, and the line each shown item starts on.
    lines: Vec<Spans>,
    starts: Vec<usize>,
    rows: usize,
    scroll: usize,
    area: Rect,
}

impl HelpState {
    /// Help over `below`, with the keys as `keys` binds them, for a terminal of `size`.
    pub fn new(below: Context, keys: &Keymap, size: Rect) -> Self {
        let (sections, items) = items(below, keys);
        let texts = items.iter().map(|i| format!("{} {}", i.what, i.keys)).collect();
        let keys_width = items.iter().map(|i| width(&i.keys)).max().unwrap_or(0).min(MAX_KEYS);
        let mut help = Self {
            below,
            sections,
            items,
            texts,
            picker: Picker::default(),
            keys_width,
            lines: Vec::new(),
            starts: Vec::new(),
            rows: 1,
            scroll: 0,
            area: size,
        };
        help.refilter();
        help.resize(size);
        help
    }

    fn refilter(&mut self) {
        self.picker.filter(self.texts.iter().map(String::as_str));
    }

    /// The box's size for this content in a terminal of `size`: as wide as the longest
    /// line needs (up to [`MAX_WIDTH`]), as high as the lines (with the filter row).
    fn want(&self) -> (u16, u16) {
        let widest_item = self.items.iter().map(|i| 2 + self.keys_width + 1 + width(&i.what)).max().unwrap_or(0);
        let widest_heading = self.sections.iter().map(|s| width(s)).max().unwrap_or(0);
        let inner = widest_item.max(widest_heading).clamp(40, MAX_WIDTH);
        (inner as u16 + 2, u16::try_from(self.lines.len() + 4).unwrap_or(u16::MAX))
    }

    /// Lay the lines out again for a terminal of `size`.
    pub fn resize(&mut self, size: Rect) {
        self.area = size;
        let (want_width, _) = self.want();
        let (_, inner) = layout::help_popup(size, (want_width, u16::MAX));
        self.lay_out(usize::from(inner.width));
        let (_, inner) = layout::help_popup(size, self.want());
        self.rows = usize::from(inner.height.saturating_sub(2)).max(1);
        self.keep_selection_visible();
    }

    /// The box and its inside, for the view and for clicks.
    pub fn popup(&self) -> (Rect, Rect) {
        layout::help_popup(self.area, self.want())
    }

    fn lay_out(&mut self, room: usize) {
        let keys_width = self.keys_width.min(room / 3);
        let describe = room.saturating_sub(2 + keys_width + 1).max(8);
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut section = None;
        for shown in self.picker.shown() {
            let item = &self.items[shown.item];
            if section != Some(item.section) && self.picker.query().trim().is_empty() {
                if section.is_some() {
                    lines.push(Vec::new());
                }
                lines.push(vec![(Tone::Heading, truncate_to_width(&self.sections[item.section], room))]);
                section = Some(item.section);
            }
            starts.push(lines.len());
            // The matched characters are those in the description (the text matched is
            // "description keys").
            let what_chars = item.what.chars().count();
            let marked: Vec<usize> = shown.positions.iter().copied().filter(|&p| p < what_chars).collect();
            for (i, (line, offset)) in
                crate::text::wrap_with_offsets(&item.what, describe, "", "").into_iter().enumerate()
            {
                let keys = if i == 0 { truncate_to_width(&item.keys, keys_width) } else { String::new() };
                let pad = keys_width.saturating_sub(width(&keys));
                let mut spans = vec![(Tone::Text, "  ".to_string()), (Tone::Key, keys + &" ".repeat(pad + 1))];
                let tone = if item.action.is_some() { Tone::Text } else { Tone::Dim };
                spans.extend(
                    crate::text::split_matches(&line, 0, offset, &marked)
                        .into_iter()
                        .map(|(matched, run)| (if matched { Tone::Match } else { tone }, run)),
                );
                lines.push(spans);
            }
        }
        if starts.is_empty() {
            lines.push(vec![(Tone::Dim, format!("  Nothing in help matches “{}”", self.picker.query()))]);
        }
        self.lines = lines;
        self.starts = starts;
    }

    /// Keys while help is open: the filter, moving, running and closing; false for the
    /// rest (quit, suspend).
    pub fn update(&mut self, action: Action, out: &mut Outbox) -> bool {
        match action {
            Action::ToggleHelp | Action::Cancel => out.send(Request::CloseHelp),
            Action::Open => self.run(out),
            action if self.picker.navigate(action, self.rows) => self.keep_selection_visible(),
            action if self.picker.edit(action) => {
                self.refilter();
                self.scroll = 0;
                self.resize(self.area);
            }
            Action::Quit | Action::Suspend => return false,
            _ => {}
        }
        true
    }

    /// Enter: close help and do what the selected row says, where help was opened.
    fn run(&mut self, out: &mut Outbox) {
        match self.picker.selected_item().map(|i| &self.items[i]) {
            Some(HelpItem { action: Some(action), .. }) => {
                out.send(Request::CloseHelp);
                out.send(Request::Act(*action));
            }
            Some(_) => out.say("Search syntax: type it after / or s"),
            None => out.say("Nothing selected"),
        }
    }

    fn keep_selection_visible(&mut self) {
        let Some(&start) = self.starts.get(self.picker.selected()) else {
            self.scroll = 0;
            return;
        };
        let end = self.starts.get(self.picker.selected() + 1).map_or(self.lines.len(), |&next| next);
        // The section heading above the first row stays in view.
        let top = if self.picker.selected() == 0 { 0 } else { start };
        if top < self.scroll {
            self.scroll = top;
        } else if end > self.scroll + self.rows {
            self.scroll = end.saturating_sub(self.rows);
        }
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(self.rows));
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

    /// The filter as typed and its cursor.
    pub fn filter(&self) -> (&str, usize) {
        (self.picker.query(), self.picker.cursor())
    }

    /// The lines of the selected row, to draw it selected.
    pub fn selected_lines(&self) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(self.picker.selected()) else { return 0..0 };
        let mut end = self.starts.get(self.picker.selected() + 1).map_or(self.lines.len(), |&next| next);
        while end > start + 1 && self.lines[end - 1].iter().all(|(tone, _)| *tone == Tone::Heading) {
            end -= 1;
        }
        // A blank line and a heading may sit before the next item.
        while end > start + 1 && self.lines[end - 1].is_empty() {
            end -= 1;
        }
        start..end
    }

    /// Which matching row is selected, counted from 0.
    pub fn selected_row(&self) -> usize {
        self.picker.selected()
    }

    /// How many rows match the filter, of how many.
    pub fn counts(&self) -> (usize, usize) {
        (self.starts.len(), self.items.len())
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.lines.len().saturating_sub(self.rows));
    }
}

/// The sections and rows of help over `below`.
fn items(below: Context, keys: &Keymap) -> (Vec<String>, Vec<HelpItem>) {
    let mut sections = Vec::new();
    let mut items = Vec::new();
    let mut section = |title: String, rows: Vec<(String, String, Option<Action>)>| {
        let index = sections.len();
        sections.push(title);
        items.extend(rows.into_iter().map(|(keys, what, action)| HelpItem { section: index, keys, what, action }));
    };
    let runnable = |(keys, what, action): (String, std::borrow::Cow<'static, str>, Action)| {
        // Help's own toggle would only reopen it.
        let action = (action != Action::ToggleHelp).then_some(action);
        (keys, what.into_owned(), action)
    };
    section(
        format!("Keys in the {}", below.title().to_lowercase()),
        keys.help(below).into_iter().map(runnable).collect(),
    );
    let own = keys.help(Context::Help).into_iter().map(|(k, w, _)| (k, w.into_owned(), None)).collect();
    section("While this help is open (type to filter, Enter runs)".into(), own);
    let mut syntax: Vec<(String, String, Option<Action>)> =
        SYNTAX.iter().map(|s| (s.example.to_string(), s.meaning.to_string(), None)).collect();
    if let Some(exact) = keys.keys_for(Action::ToggleExact, Context::Search) {
        syntax.push((exact, "exact matching on/off while searching".into(), None));
    }
    section("Search syntax (/ filters this pane, s searches everything)".into(), syntax);
    let first = |action| keys.keys_for(action, Context::Detail).and_then(|k| k.split('/').next().map(str::to_string));
    if let (Some(open), Some(back)) = (first(Action::Open), first(Action::Back)) {
        section(
            "Links".into(),
            vec![(String::new(), format!("Links in a detail are followed with {open}; {back} goes back."), None)],
        );
    }
    (sections, items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closing_line_names_the_keys_from_the_table() {
        let (_, items) = items(Context::List, &Keymap::default());
        let last = items.last().map(|i| i.what.clone()).unwrap_or_default();
        assert_eq!(last, "Links in a detail are followed with Enter; Backspace goes back.");
    }

    #[test]
    fn typing_filters_and_enter_runs_the_action_below() {
        let mut help = HelpState::new(Context::List, &Keymap::default(), Rect::new(0, 0, 120, 40));
        let mut out = Outbox::default();
        for c in "quit".chars() {
            help.update(Action::InsertChar(c), &mut out);
        }
        assert_eq!(help.picker.selected_item().map(|i| help.items[i].action), Some(Some(Action::Quit)));
        help.update(Action::Open, &mut out);
        assert_eq!(out.take(), vec![Request::CloseHelp, Request::Act(Action::Quit)]);
    }
}
