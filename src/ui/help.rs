//! The help overlay, generated from the key table for the context it was opened from.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::{App, Context, keymap};
use crate::text::truncate_to_width;

/// The query language, as the README documents it.
const SEARCH_SYNTAX: &[(&str, &str)] = &[
    ("dre iovine", "every term must match; fuzzy by default"),
    ("'beats", "exact substring"),
    ("^dr  dre$  ^part$", "prefix, suffix, whole field"),
    ("!tupac", "leave out records containing it"),
    ("dre | jimmy", "either term"),
    ("person: quote: …", "only that kind (person:dre too)"),
    ("Ctrl-e", "exact matching on/off while searching"),
];

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let below = app.context_under_help();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(format!(" Help — keys in the {} ", below.title().to_lowercase()), palette.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let lines = lines(below, usize::from(inner.width), palette);
    let scroll = app.help_scroll().unwrap_or(0).min(lines.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// How far the help can scroll at the app's size, so `update` keeps the scroll in range.
pub fn max_scroll(app: &App) -> usize {
    let inner = Block::default().borders(Borders::ALL).inner(popup(app.size()));
    let count = lines(app.context_under_help(), usize::from(inner.width), &Palette::colour()).len();
    count.saturating_sub(usize::from(inner.height))
}

/// The centred box the help is drawn in.
fn popup(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).clamp(1, 72);
    let height = area.height.saturating_sub(2).max(1);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    popup
}

/// The help's text: the keys of the context it was opened over, its own keys, the search
/// syntax. `room` is the width inside the box.
fn lines(below: Context, room: usize, palette: &Palette) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [below, Context::Help] {
        if context == Context::Help {
            lines.push(Line::raw(""));
            lines.push(Line::styled("While this help is open", palette.heading));
        }
        for (keys, what) in keymap::help(context) {
            let keys = truncate_to_width(&keys, 22);
            let what = truncate_to_width(what, room.saturating_sub(25));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{keys:<22}"), palette.key),
                Span::raw(" "),
                Span::styled(what, palette.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Search syntax (/ filters this pane, s searches everything)", palette.heading));
    for (syntax, meaning) in SEARCH_SYNTAX {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{syntax:<22}"), palette.key),
            Span::raw(" "),
            Span::styled(truncate_to_width(meaning, room.saturating_sub(25)), palette.text),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Links in a detail are followed with Enter; Backspace goes back.", palette.dim));
    lines
}
