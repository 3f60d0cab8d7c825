//! The help overlay: the lines `app::help` built for the context under it, in a box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Palette;
use crate::app::{App, layout};

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let Some(help) = app.help() else { return };
    let (popup, inner) = layout::help_popup(area);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(format!(" Help — keys in the {} ", help.below().title().to_lowercase()), palette.title));
    frame.render_widget(block, popup);
    let visible: Vec<Line> = help.lines().iter().skip(help.scroll()).map(|spans| palette.line(spans)).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
