//! The command palette: a prompt and the list of matching commands and records, with the
//! matched characters highlighted, each command's key on the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::palette::{Entry, PaletteState, Pick};
use crate::app::{App, layout};
use crate::text::{truncate_to_width, width};

pub(super) fn render(frame: &mut Frame, app: &App, state: &PaletteState, palette: &Palette) {
    let (popup, inner) = layout::palette_popup(app.size());
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(" Commands and records ", palette.title))
        .title_bottom(
            Line::styled(format!(" {} · Tab completes · Enter runs · Esc closes ", state.shown().len()), palette.dim)
                .right_aligned(),
        );
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let (query, cursor) = state.query();
    let prompt = Line::from(vec![Span::styled(":", palette.key), Span::styled(query.to_string(), palette.text)]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let before: String = query.chars().take(cursor).collect();
    if let Ok(offset) = u16::try_from(width(&before) + 1)
        && inner.x + offset < inner.right()
    {
        frame.set_cursor_position(Position::new(inner.x + offset, inner.y));
    }
    let list = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let rows = usize::from(list.height);
    let top = state.selected().saturating_sub(rows.saturating_sub(1));
    let room = usize::from(list.width);
    let lines: Vec<Line> = state
        .shown()
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(row, shown)| {
            let entry = &state.entries()[shown.item];
            let line = row_line(entry, &shown.positions, room, palette);
            if row == state.selected() { line.patch_style(palette.selected) } else { line }
        })
        .collect();
    if lines.is_empty() {
        let text = if query.trim().is_empty() { "Type a command or a record's name" } else { "Nothing matches" };
        frame.render_widget(Paragraph::new(Line::styled(format!(" {text}"), palette.dim)), list);
        return;
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// ` title  what …  key`, the matched characters (counted over "title what") highlighted.
fn row_line<'a>(entry: &'a Entry, positions: &[usize], room: usize, palette: &Palette) -> Line<'a> {
    let key_width = width(&entry.key);
    let title_chars = entry.title.chars().count();
    let title_room = room.saturating_sub(key_width + 3).min(60);
    let title = truncate_to_width(&entry.title, title_room);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(marked(&title, positions, 0, palette.text, palette));
    let what_room = room.saturating_sub(1 + width(&title) + 2 + key_width + 1);
    let what = truncate_to_width(&entry.what, what_room);
    if !what.is_empty() {
        spans.push(Span::raw("  "));
        let tone = if matches!(entry.pick, Pick::Run(crate::app::Action::Visit(_))) { palette.id } else { palette.dim };
        spans.extend(marked(&what, positions, title_chars + 1, tone, palette));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if key_width > 0 {
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used + key_width + 1))));
        spans.push(Span::styled(entry.key.clone(), palette.key));
    }
    Line::from(spans)
}

/// Runs of `text` with the characters at `positions` (shifted by `offset`) highlighted.
fn marked(
    text: &str,
    positions: &[usize],
    offset: usize,
    style: ratatui::style::Style,
    palette: &Palette,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let is_marked = positions.contains(&(i + offset));
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_marked { palette.matched } else { style }));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { palette.matched } else { style }));
    }
    spans
}
