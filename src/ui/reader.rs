//! The quote reader: a centred column of readable width, the attribution under it, and
//! the position in the collection. `reader_page` lays it out (pure; `update` uses it for
//! scroll limits), `render` draws it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Palette;
use crate::app::App;
use crate::app::detail_doc::Tone;
use crate::app::reader::Reader;
use crate::data::model::Reliability;
use crate::text::{split_matches, width, wrap, wrap_with_offsets};

/// The reader's text laid out for the current terminal size.
pub struct ReaderPage {
    /// Where the text column is.
    pub column: Rect,
    /// Rows available for text (the column's height).
    pub rows: usize,
    pub lines: Vec<Vec<(Tone, String)>>,
}

/// Lay out the current quote of `reader` for the app's terminal size.
pub fn reader_page(app: &App, reader: &Reader) -> ReaderPage {
    let area = app.size();
    let body_height = area.height.saturating_sub(1);
    let column_width = app.reader_column().min(area.width.saturating_sub(4)).max(1);
    let column = Rect {
        x: area.x + (area.width.saturating_sub(column_width)) / 2,
        y: area.y + u16::from(body_height > 4),
        width: column_width,
        height: body_height.saturating_sub(2).max(1),
    };
    let w = usize::from(column_width);
    let data = app.data();
    let quote = reader.current();
    let q = &data.quotes[quote.index];
    let positions = &reader.matches;

    let mut lines: Vec<Vec<(Tone, String)>> = Vec::new();
    let mut offset = 0; // char offset of the paragraph in the quote text
    for (i, paragraph) in q.text.split('\n').enumerate() {
        if i > 0 {
            lines.push(Vec::new());
        }
        match &positions {
            Some(positions) => {
                for (line, at) in wrap_with_offsets(paragraph, w, "", "") {
                    let runs = split_matches(&line, 0, offset + at, positions);
                    lines.push(runs.into_iter().map(|(m, t)| (if m { Tone::Match } else { Tone::Text }, t)).collect());
                }
            }
            None => lines.extend(wrap(paragraph, w, "", "").into_iter().map(|l| vec![(Tone::Text, l)])),
        }
        offset += paragraph.chars().count() + 1;
    }

    lines.push(Vec::new());
    let speaker = data.speaker(q);
    let mut who = data.speaker_name(q).to_string();
    if let Some(note) = &q.speaker_note {
        who.push_str(&format!(", {note}"));
    }
    if let Some(p) = speaker {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.label()).collect();
        who.push_str(&format!(" ({})", roles.join(", ")));
    }
    push_wrapped(&mut lines, &format!("— {who}"), w, Tone::Label);
    push_wrapped(&mut lines, &format!("  {}", crate::record_view::said(q)), w, Tone::Dim);
    if let Some(source) = data.source(&q.source) {
        push_wrapped(&mut lines, &format!("  {}, {}", source.title, source.publication), w, Tone::Dim);
    }
    if let Some(episode) = q.episode.as_ref().and_then(|id| data.episode(id)) {
        push_wrapped(&mut lines, &format!("  {}", episode.title), w, Tone::Dim);
    }
    if q.reliability == Some(Reliability::Low) {
        push_wrapped(&mut lines, "  reliability: low (blog, repost or unidentified mirror)", w, Tone::Id);
    }
    lines.push(Vec::new());
    let position = format!("{} / {} · {}", reader.position + 1, reader.collection.len(), reader.name);
    push_wrapped(&mut lines, &position, w, Tone::Dim);

    ReaderPage { column, rows: usize::from(column.height), lines }
}

fn push_wrapped(lines: &mut Vec<Vec<(Tone, String)>>, text: &str, w: usize, tone: Tone) {
    for line in wrap(text, w, "", "  ") {
        lines.push(vec![(tone, line)]);
    }
}

pub(super) fn render(frame: &mut Frame, app: &App, reader: &Reader, palette: &Palette) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let page = reader_page(app, reader);
    // Short quotes sit a little above the middle; long ones start at the top and scroll.
    let top = page.rows.saturating_sub(page.lines.len()) / 3;
    let visible: Vec<Line> = std::iter::repeat_n(Line::raw(""), top)
        .chain(page.lines.iter().skip(reader.scroll).take(page.rows).map(|spans| {
            Line::from(
                spans
                    .iter()
                    .map(|(tone, text)| Span::styled(text.clone(), tone_style(*tone, palette)))
                    .collect::<Vec<_>>(),
            )
        }))
        .collect();
    frame.render_widget(Paragraph::new(visible), page.column);

    let status_area = Rect { y: area.bottom().saturating_sub(1), height: 1.min(area.height), ..area };
    // "more" comes first so a narrow terminal never cuts it off.
    let more = if reader.scroll + page.rows < page.lines.len() { " ↓ more " } else { "" };
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
    let right = format!("width {} ", app.reader_column().min(area.width.saturating_sub(4)));
    let pad = usize::from(area.width).saturating_sub(width(&left.content) + width(&right));
    let line = Line::from(vec![left, Span::raw(" ".repeat(pad)), Span::styled(right, palette.dim)]);
    frame.render_widget(Paragraph::new(line), status_area);
}

fn tone_style(tone: Tone, palette: &Palette) -> ratatui::style::Style {
    match tone {
        Tone::Text => palette.text,
        Tone::Match => palette.matched,
        Tone::Label => palette.label,
        Tone::Id => palette.status,
        _ => palette.dim,
    }
}
