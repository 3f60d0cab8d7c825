//! After a prefix key (`g`, `y`), a small box in the bottom right lists what can follow,
//! from the key table in force.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::App;
use crate::text::{truncate_to_width, width};

pub(super) fn render(frame: &mut Frame, app: &App, palette: &Palette) {
    let Some((prefix, rows)) = app.which_key() else { return };
    let area = frame.area();
    let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(1);
    let what_width = rows.iter().map(|(_, w)| width(w)).max().unwrap_or(1);
    let box_width =
        u16::try_from(key_width + what_width + 5).unwrap_or(u16::MAX).min(area.width.saturating_sub(2)).max(10);
    let box_height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX).min(area.height.saturating_sub(2));
    if box_height < 3 || box_width < 10 {
        return;
    }
    let popup = Rect {
        x: area.right().saturating_sub(box_width + 1),
        y: area.bottom().saturating_sub(box_height + 1),
        width: box_width,
        height: box_height,
    };
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(format!(" {prefix} … "), palette.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let room = usize::from(inner.width).saturating_sub(key_width + 2);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{key:<key_width$}"), palette.key),
                Span::raw(" "),
                Span::styled(truncate_to_width(what, room), palette.text),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
