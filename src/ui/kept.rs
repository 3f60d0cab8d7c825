//! Drawing what is kept (issue #16): the Collections pane in the list's place, the
//! history list over the screen, and the name or note prompt on the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::keeping::trail::time_label;
use crate::app::{App, Focus, layout};
use crate::present::export;
use crate::text::{truncate_to_width, width};

pub(super) fn shelf(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let data = app.data();
    let saved = app.kept().saved();
    let shelf = app.shelf();
    let focused = app.focus() == Focus::List && app.help_scroll().is_none();
    let open = shelf.open_collection(saved);
    let title = match open {
        Some(c) => format!(" Collections › {} ({}) ", c.name, c.entries.len()),
        None => format!(" Collections ({}) ", saved.collections.len()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { palette.border_focused } else { palette.border })
        .title(Line::styled(truncate_to_width(&title, usize::from(area.width).saturating_sub(2)), palette.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let room = usize::from(inner.width).saturating_sub(1);
    let selected_style = if focused { palette.selected } else { palette.selected_unfocused };
    let fill = |spans: &mut Vec<Span<'static>>| {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    };
    let lines: Vec<Line> = match open {
        None => {
            if saved.collections.is_empty() {
                let text = " No collections yet: m marks a record, M adds it to a named collection";
                frame.render_widget(Paragraph::new(Line::styled(truncate_to_width(text, room), palette.dim)), inner);
                return;
            }
            let cursor = shelf.names_cursor();
            saved
                .collections
                .iter()
                .enumerate()
                .skip(cursor.offset)
                .take(rows)
                .map(|(i, c)| {
                    let count = format!("  {}", c.entries.len());
                    let name = truncate_to_width(&c.name, room.saturating_sub(width(&count) + 1));
                    let mut spans = vec![Span::raw(" "), Span::raw(name), Span::styled(count, palette.dim)];
                    fill(&mut spans);
                    let line = Line::from(spans);
                    if i == cursor.selected { line.style(selected_style) } else { line }
                })
                .collect()
        }
        Some(collection) => {
            if collection.entries.is_empty() {
                let text = " Empty: m or M on a record adds it here";
                frame.render_widget(Paragraph::new(Line::styled(truncate_to_width(text, room), palette.dim)), inner);
                return;
            }
            let cursor = shelf.entries_cursor();
            collection
                .entries
                .iter()
                .enumerate()
                .skip(cursor.offset)
                .take(rows)
                .map(|(i, entry)| {
                    // The note keeps up to half the row; the label has the rest.
                    let note = if entry.note.is_empty() {
                        String::new()
                    } else {
                        truncate_to_width(&format!("  — {}", entry.note), room / 2)
                    };
                    let label_room = room.saturating_sub(9 + width(&note));
                    let mut spans = match entry.key.resolve(data) {
                        Some(record) => {
                            let (main, _) = super::list::row_text(data, record);
                            let kind = format!("{:<8}", record.kind.name());
                            let main = truncate_to_width(&main, label_room);
                            vec![
                                super::list::mark(app, record, palette),
                                Span::styled(kind, palette.dim),
                                Span::raw(main),
                            ]
                        }
                        None => {
                            let label = truncate_to_width(&export::label(data, &entry.key), label_room + 8);
                            vec![Span::raw(" "), Span::styled(label, palette.notice)]
                        }
                    };
                    spans.push(Span::styled(note, palette.dim));
                    let mut spans = clip(spans, room);
                    fill(&mut spans);
                    let line = Line::from(spans);
                    if i == cursor.selected { line.style(selected_style) } else { line }
                })
                .collect()
        }
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Spans cut to `room` columns.
fn clip(spans: Vec<Span<'static>>, room: usize) -> Vec<Span<'static>> {
    let mut left = room;
    let mut out = Vec::new();
    for span in spans {
        if left == 0 {
            break;
        }
        let text = truncate_to_width(&span.content, left);
        left = left.saturating_sub(width(&text));
        out.push(Span::styled(text, span.style));
    }
    out
}

/// The history list (Ctrl-o), in the help's box: the filter line, then the visits.
pub(super) fn trail(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let Some(trail) = app.trail() else { return };
    let data = app.data();
    let visits = &app.kept().saved().visits;
    let (popup, inner) = layout::help_popup(area, crate::app::keeping::TRAIL_BOX);
    frame.render_widget(Clear, popup);
    let n = trail.rows().len();
    let title = format!(" History — {n} visit{}, newest first (UTC) ", if n == 1 { "" } else { "s" });
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(truncate_to_width(&title, usize::from(popup.width).saturating_sub(2)), palette.title));
    frame.render_widget(block, popup);
    let room = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled(" / ", palette.key),
        Span::raw(truncate_to_width(trail.filter(), room.saturating_sub(4))),
    ])];
    lines.push(Line::styled(" ".repeat(room), palette.dim));
    let rows = usize::from(inner.height.saturating_sub(2));
    if trail.rows().is_empty() {
        let text = if visits.is_empty() { " Nothing visited yet" } else { " No visit matches" };
        lines[1] = Line::styled(text, palette.dim);
    }
    let cursor = trail.cursor;
    for (i, &at) in trail.rows().iter().enumerate().skip(cursor.offset).take(rows) {
        let visit = &visits[at];
        let (kind, label) = match visit.key.resolve(data) {
            Some(record) => (record.kind.name().to_string(), data.label(record).into_owned()),
            None => (visit.key.kind.name().to_string(), export::label(data, &visit.key)),
        };
        let mut spans = vec![
            Span::styled(format!(" {}  ", time_label(visit.at)), palette.dim),
            Span::styled(format!("{kind:<8}"), palette.dim),
            Span::raw(label),
        ];
        spans = clip(spans, room);
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        let line = Line::from(spans);
        lines.push(if i == cursor.selected { line.style(palette.selected) } else { line });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 3 + trail.cursor_column().min(room.saturating_sub(4)) as u16;
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
}

/// The prompt on the status line: `Add to collection: na▏  [marked] music`.
pub(super) fn prompt(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let Some(prompt) = app.prompt() else { return };
    let room = usize::from(area.width);
    let title = prompt.title();
    let text = truncate_to_width(prompt.text(), room.saturating_sub(width(title) + 2));
    let mut spans = vec![Span::raw(" "), Span::styled(title, palette.key), Span::raw(text.clone())];
    let completions = prompt.completions(app.kept().saved());
    if !completions.is_empty() {
        let shown: Vec<String> =
            completions.iter().take(6).map(|c| if c == prompt.text() { format!("[{c}]") } else { c.clone() }).collect();
        spans.push(Span::styled(format!("   {}", shown.join(" ")), palette.dim));
    }
    let spans = clip(spans, room);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + 1 + width(title) as u16 + prompt.cursor().min(width(&text)) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}
