//! The quote reader on screen: the page `app` laid out, in its centred column, and a
//! status line.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Palette;
use crate::app::reader::Reader;
use crate::app::{App, layout};
use crate::text::width;

pub(super) fn render(frame: &mut Frame, app: &App, reader: &Reader, palette: &Palette) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let column = layout::reader_column(area, app.reader_column());
    let rows = usize::from(column.height);
    let page = reader.page(app.data(), app.reader_column(), area);
    // Short quotes sit a little above the middle; long ones start at the top and scroll.
    let top = rows.saturating_sub(page.lines.len()) / 3;
    let visible: Vec<Line> = std::iter::repeat_n(Line::raw(""), top)
        .chain(page.lines.iter().skip(reader.scroll).take(rows).map(|spans| palette.line(spans)))
        .collect();
    frame.render_widget(Paragraph::new(visible), column);

    let status_area = layout::reader_status(area);
    // "more" comes first so a narrow terminal never cuts it off.
    let more = if reader.scroll + rows < page.lines.len() { " ↓ more " } else { "" };
    let left = match app.status() {
        Some(message) => Span::styled(format!(" {message}"), palette.status),
        None => Span::styled(
            format!("{more} ←/→ quote  j/k scroll  +/-/= width  R random  y copy  Enter details  Esc back"),
            palette.dim,
        ),
    };
    let left = Span::styled(
        crate::text::truncate_to_width(&left.content, usize::from(area.width).saturating_sub(10)),
        left.style,
    );
    let right = format!("width {} ", layout::reader_width(area, app.reader_column()));
    let pad = usize::from(area.width).saturating_sub(width(&left.content) + width(&right));
    let line = Line::from(vec![left, Span::raw(" ".repeat(pad)), Span::styled(right, palette.dim)]);
    frame.render_widget(Paragraph::new(line), status_area);
}
