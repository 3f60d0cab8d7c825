//! The help overlay: the filter, then the lines `app::help` laid out for the context under
//! it, in a box sized to them; the selected row is drawn selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::App;

pub(super) fn render(frame: &mut Frame, _area: Rect, app: &App, palette: &Palette) {
    let Some(help) = app.help() else { return };
    let (popup, inner) = help.popup();
    frame.render_widget(Clear, popup);
    let (shown, total) = help.counts();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(format!(" Help — keys in the {} ", help.below().title().to_lowercase()), palette.title))
        .title_bottom(Line::styled(format!(" {shown}/{total} ",), palette.dim).right_aligned());
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return;
    }
    let (filter, _) = help.filter();
    let prompt = if filter.is_empty() {
        Line::from(vec![
            Span::styled("Filter: ", palette.key),
            Span::styled("type to filter · Enter runs", palette.dim),
        ])
    } else {
        Line::from(vec![Span::styled("Filter: ", palette.key), Span::styled(filter, palette.text)])
    };
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let body = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let selected = help.selected_lines();
    let visible: Vec<Line> = help
        .lines()
        .iter()
        .enumerate()
        .skip(help.scroll())
        .take(usize::from(body.height))
        .map(|(row, spans)| {
            let line = palette.line(spans);
            if selected.contains(&row) { line.patch_style(palette.selected) } else { line }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(visible),
        Rect {
            y: body.y + u16::from(body.height > 2),
            height: body.height.saturating_sub(u16::from(body.height > 2)),
            ..body
        },
    );
    if let Some(cursor) = cursor_at(inner, filter, help.filter().1) {
        frame.set_cursor_position(cursor);
    }
}

/// Where the terminal cursor goes in a prompt that starts with `Filter: `.
fn cursor_at(inner: Rect, text: &str, cursor: usize) -> Option<ratatui::layout::Position> {
    let before: String = text.chars().take(cursor).collect();
    let x = inner.x + 8 + u16::try_from(crate::text::width(&before)).ok()?;
    (x < inner.right()).then_some(ratatui::layout::Position::new(x, inner.y))
}
