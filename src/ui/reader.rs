//! The quote reader on screen: the page `app` laid out, in its centred column, and a
//! status line with the key table's hints for the reader.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Palette, chrome};
use crate::app::reader::Reader;
use crate::app::{App, Context, layout};
use crate::text::{truncate_to_width, width};

pub(super) fn render(frame: &mut Frame, app: &App, reader: &Reader, palette: &Palette) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let column = layout::reader_column(area, app.reader_column());
    let page = reader.page();
    let rows = reader.rows();
    // Short quotes sit a little above the middle; long ones start at the top and scroll.
    let top = rows.saturating_sub(page.lines.len()) / 3;
    let visible: Vec<Line> = std::iter::repeat_n(Line::raw(""), top)
        .chain(page.lines.iter().skip(reader.scroll).take(rows).map(|spans| palette.line(spans)))
        .collect();
    frame.render_widget(Paragraph::new(visible), column);

    let right = format!("width {} ", layout::reader_width(area, app.reader_column()));
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    // "more" comes first so a narrow terminal never cuts it off.
    let mut left = vec![Span::raw(" ")];
    match app.status() {
        Some(message) => left.push(Span::styled(truncate_to_width(message, room), palette.status)),
        None => {
            if reader.has_more() {
                left.push(Span::styled("↓ more  ", palette.status));
            }
            let used = left.iter().map(|s| width(&s.content)).sum();
            left.extend(chrome::hints(app, Context::Reader, used, room, palette));
        }
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    left.push(Span::raw(" ".repeat(usize::from(area.width).saturating_sub(used + width(&right)))));
    left.push(Span::styled(right, palette.dim));
    frame.render_widget(Paragraph::new(Line::from(left)), layout::reader_status(area));
}
