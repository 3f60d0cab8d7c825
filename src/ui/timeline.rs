//! The Timeline pane: time flows down, one event a row, the year at the left on the first
//! row of each year. From 80 columns the events sit in three lanes — the left subject's,
//! both (or neither, marked `·`), the right subject's — with the covering part as a badge;
//! narrower, one lane whose marker (`◀ ◆ ▶ ·`) says whose it is. Only visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::Palette;
use crate::app::{App, Focus, Pane};
use crate::present::story::dates_conflict;
use crate::present::timeline::{Entry, Lane, year_column};
use crate::text::{truncate_to_width, width};

/// From this many columns inside the block, the three lanes; below, one lane with markers.
pub const LANES_WIDTH: u16 = 78;
const YEAR_WIDTH: usize = 10;

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let data = app.data();
    let timeline = &app.story().timeline;
    let focused = app.focus() == Focus::List && app.help_scroll().is_none();
    let names: Vec<String> = timeline.subjects.iter().map(|&s| data.label(s).into_owned()).collect();
    let (left, right) = match &names[..] {
        [l, r] => (l.as_str(), r.as_str()),
        _ => ("", ""),
    };
    let inner_width = area.width.saturating_sub(2);
    let lanes = inner_width >= LANES_WIDTH && names.len() == 2;
    let dated = timeline.dated();
    let n = timeline.entries.len();
    let title = if app.story().counting {
        " Timeline ".to_string()
    } else {
        format!(" Timeline ({n} event{}, {dated} dated) ", if n == 1 { "" } else { "s" })
    };
    let mut block = Block::default().borders(Borders::ALL).border_style(if focused {
        palette.border_focused
    } else {
        palette.border
    });
    if lanes {
        // The lanes' names sit in the top border, each over its lane.
        let lane_width = usize::from(inner_width).saturating_sub(1 + YEAR_WIDTH) / 3;
        let heads = [format!(" ◀ {left} "), " ◆ both · neither ".to_string(), format!(" ▶ {right} ")];
        let mut spans = vec![Span::raw("─".repeat(YEAR_WIDTH))];
        for (i, head) in heads.iter().enumerate() {
            let head = truncate_to_width(head, lane_width);
            let fill = if i < 2 { lane_width.saturating_sub(width(&head)) } else { 0 };
            spans.push(Span::styled(head, palette.title));
            spans.push(Span::raw("─".repeat(fill)));
        }
        block = block.title(Line::from(spans)).title_bottom(Line::styled(title, palette.title));
    } else {
        block = block.title(Line::styled(title, palette.title));
        if names.len() == 2 {
            block = block.title_bottom(Line::styled(format!(" ◀ {left} ◆ both ▶ {right} · neither "), palette.dim));
        }
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cursor = app.cursor(Pane::Timeline);
    let rows = usize::from(inner.height);
    let len = timeline.entries.len();
    let room = usize::from(inner.width).saturating_sub(1);
    let lines: Vec<Line> = (cursor.offset..(cursor.offset + rows).min(len))
        .map(|i| {
            let entry = &timeline.entries[i];
            // The year on the first row of each year (and at the top of the window).
            let label = year_column(data, entry.event);
            let first_of_year = i == 0 || year_column(data, timeline.entries[i - 1].event) != label;
            let year = if first_of_year || i == cursor.offset { label } else { String::new() };
            let conflict = if dates_conflict(data.event(entry.event)) { "≠" } else { " " };
            let head = format!(" {year:<w$}{conflict} ", w = YEAR_WIDTH - 3);
            let body = if lanes {
                lane_spans(app, entry, room.saturating_sub(YEAR_WIDTH))
            } else {
                one_lane(app, entry, room.saturating_sub(YEAR_WIDTH))
            };
            let mut spans = vec![Span::styled(head, palette.label)];
            spans.extend(
                body.into_iter().map(|(dim, text)| if dim { Span::styled(text, palette.dim) } else { Span::raw(text) }),
            );
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            spans.push(Span::raw(" ".repeat(usize::from(inner.width).saturating_sub(used))));
            let line = Line::from(spans);
            match (i == cursor.selected, focused) {
                (true, true) => line.style(palette.selected),
                (true, false) => line.style(palette.selected_unfocused),
                _ => line,
            }
        })
        .collect();
    if app.story().counting {
        let text = truncate_to_width(" Putting the events in order…", usize::from(inner.width));
        frame.render_widget(Paragraph::new(Line::styled(text, palette.dim)), inner);
    } else if len == 0 {
        frame.render_widget(Paragraph::new(Line::styled(" (no events)", palette.dim)), inner);
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

/// `P3 ` for the part that covers it, `·· ` when no source places it.
fn badge(app: &App, entry: &Entry) -> String {
    match app.data().event_episode(entry.event) {
        Some(e) => format!("P{} ", app.data().episodes[e.index].number),
        None => "?? ".into(),
    }
}

/// Three lanes across `room` columns; the event's text in its lane, the others blank.
fn lane_spans(app: &App, entry: &Entry, room: usize) -> Vec<(bool, String)> {
    let lane_width = room / 3;
    let column = match entry.lane {
        Lane::Left => 0,
        Lane::Both | Lane::Other => 1,
        Lane::Right => 2,
    };
    let marker = if entry.lane == Lane::Other { "· " } else { "" };
    let badge = badge(app, entry);
    // The right lane runs to the edge.
    let own = if column == 2 { room.saturating_sub(lane_width * 2) } else { lane_width };
    let text_room = own.saturating_sub(width(&badge) + width(marker) + 1);
    let text = truncate_to_width(&app.data().label(entry.event), text_room.max(1));
    let mut out = vec![(false, " ".repeat(lane_width * column))];
    out.push((true, badge));
    out.push((false, format!("{marker}{text}")));
    out
}

/// One lane: the marker of whose event it is, the badge, the text.
fn one_lane(app: &App, entry: &Entry, room: usize) -> Vec<(bool, String)> {
    let badge = badge(app, entry);
    let marker = format!("{} ", entry.lane.marker());
    let text_room = room.saturating_sub(width(&badge) + width(&marker));
    vec![(false, marker), (true, badge), (false, truncate_to_width(&app.data().label(entry.event), text_room.max(1)))]
}
