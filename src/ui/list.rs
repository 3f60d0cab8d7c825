//! The record list of the current pane. Only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::Palette;
use crate::app::order::Order;
use crate::app::{App, Focus};
use crate::data::{Dataset, Kind, RecordRef};
use crate::text::{truncate_to_width, width};

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let pane = app.pane();
    let data = app.data();
    let rows_of = app.rows(pane);
    let len = rows_of.len(data);
    let focused = app.focus() == Focus::List && app.help_scroll().is_none();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { palette.border_focused } else { palette.border })
        .title(Line::styled(title(app, len), palette.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let cursor = app.cursor(pane);
    let rows = usize::from(inner.height);
    let room = usize::from(inner.width).saturating_sub(1);
    let lines: Vec<Line> = (cursor.offset..(cursor.offset + rows).min(len))
        .filter_map(|index| Some((index, rows_of.get(data, index)?)))
        .map(|(index, record)| {
            let (main, extra) = row_text(data, record);
            let selected = index == cursor.selected;
            // A quote's speaker is kept (leaving the text at least 8 columns), its text cut.
            let (main, extra) = if record.kind == Kind::Quote {
                let extra = truncate_to_width(&extra, room.saturating_sub(8));
                (truncate_to_width(&main, room.saturating_sub(width(&extra)).max(1)), extra)
            } else {
                let main = truncate_to_width(&main, room);
                let extra = truncate_to_width(&extra, room.saturating_sub(width(&main)));
                (main, extra)
            };
            let fill = room.saturating_sub(width(&main) + width(&extra));
            let mut spans = vec![mark(app, record, palette), Span::raw(main), Span::styled(extra, palette.dim)];
            spans.push(Span::raw(" ".repeat(fill)));
            let line = Line::from(spans);
            match (selected, focused) {
                (true, true) => line.style(palette.selected),
                (true, false) => line.style(palette.selected_unfocused),
                _ => line,
            }
        })
        .collect();
    if len == 0 {
        frame.render_widget(Paragraph::new(Line::styled(" (nothing here)", palette.dim)), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
    if len > rows {
        let mut state = ScrollbarState::new(len.saturating_sub(rows)).position(cursor.offset);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None),
            area.inner(Margin { vertical: 1, horizontal: 0 }),
            &mut state,
        );
    }
}

/// ` People (81) `, and the order when it is not the dataset's: ` People (81) · by name `.
fn title(app: &App, len: usize) -> String {
    let pane = app.pane();
    match app.order(pane) {
        Order::Dataset => format!(" {} ({len}) ", pane.title()),
        order => format!(" {} ({len}) · {} ", pane.title(), order.label(pane.kind())),
    }
}

/// The first column of a row: the collection glyph for a kept record, else a space.
pub(super) fn mark(app: &App, record: RecordRef, palette: &Palette) -> Span<'static> {
    if app.is_kept(record) { Span::styled(palette.mark_glyph, palette.mark) } else { Span::raw(" ") }
}

/// A row's main text and a dimmed addition that helps tell rows apart.
pub(super) fn row_text(data: &Dataset, r: RecordRef) -> (String, String) {
    match r.kind {
        Kind::Episode => {
            // Title, air date and a one-line synopsis (the summary, cut to the row).
            let e = &data.episodes[r.index];
            let date = e.air_date.as_ref().map_or(String::new(), |d| format!("  {d}"));
            (e.title.to_string(), format!("{date}  {}", e.summary.replace('\n', " ")))
        }
        Kind::Theme => (data.themes[r.index].name.to_string(), String::new()),
        Kind::Person => {
            let p = &data.people[r.index];
            (p.name.to_string(), format!("  {}", crate::present::record::roles(&p.roles)))
        }
        Kind::Footage => {
            let f = &data.footage[r.index];
            (f.title.to_string(), String::new())
        }
        Kind::Quote => {
            let q = &data.quotes[r.index];
            let speaker = data.speaker_name(q).to_string();
            (data.label(r).into_owned(), format!("  — {speaker}"))
        }
        Kind::Source => (data.label(r).into_owned(), String::new()),
        Kind::Event => {
            let badge = data.event_episode(r).map_or_else(|| "unplaced".to_string(), |e| data.label(e).into_owned());
            (data.label(r).into_owned(), format!("  {badge}"))
        }
        Kind::Series => (data.label(r).into_owned(), String::new()),
    }
}
