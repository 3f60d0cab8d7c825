//! The detail of one record: the lines laid out by `update`, sliced to the screen, with
//! the selected link highlighted.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::Palette;
use crate::app::{App, Focus};
use crate::present::Tone;

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let focused = app.focus() == Focus::Detail && app.help_scroll().is_none();
    let title = match app.doc() {
        Some(doc) => format!(" {} ", capitalise(doc.record.kind.name())),
        None => " Detail ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { palette.border_focused } else { palette.border })
        .title(Line::styled(title, palette.title));
    frame.render_widget(block, area);
    let Some(text_area) = app.layout().and_then(|l| l.detail_text()) else { return };
    let Some(doc) = app.doc() else {
        frame.render_widget(Paragraph::new(Line::styled("Nothing selected", palette.dim)), text_area);
        return;
    };
    let (scroll, selected) = app.detail_position();
    let rows = usize::from(text_area.height);
    // Link lines are made for the rows on screen only (see `present::detail`).
    let doc_lines: Vec<_> =
        (scroll..(scroll + rows).min(doc.len())).filter_map(|row| doc.line(app.data(), row)).collect();
    let lines: Vec<Line> = doc_lines
        .iter()
        .map(|line| {
            let is_selected = focused && line.link.is_some() && line.link == selected;
            let spans: Vec<Span> = line
                .spans
                .iter()
                .map(|(tone, text)| {
                    let style = if is_selected && *tone == Tone::Link { palette.selected } else { palette.tone(*tone) };
                    Span::styled(text.clone(), style)
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    if app.hyperlinks() {
        link_urls(frame, text_area, &doc_lines);
    }
    if doc.len() > rows {
        let mut state = ScrollbarState::new(doc.len().saturating_sub(rows)).position(scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None),
            area.inner(Margin { vertical: 1, horizontal: 0 }),
            &mut state,
        );
    }
}

/// Make the link-toned text of each line that has a URL a terminal hyperlink.
fn link_urls(frame: &mut Frame, text_area: Rect, lines: &[std::borrow::Cow<'_, crate::present::detail::DocLine>]) {
    for (row, line) in lines.iter().enumerate() {
        let Some(url) = &line.url else { continue };
        let mut x = 0usize;
        for (tone, text) in &line.spans {
            let w = crate::text::width(text);
            if matches!(tone, Tone::Link | Tone::Match) {
                let (Ok(x0), Ok(w16), Ok(y)) = (u16::try_from(x), u16::try_from(w), u16::try_from(row)) else { break };
                let area =
                    Rect { x: text_area.x + x0, y: text_area.y + y, width: w16, height: 1 }.intersection(text_area);
                super::hyperlink::link(frame.buffer_mut(), area, url);
            }
            x += w;
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
