//! The Overview's chart column: who speaks (the selectable list of the pane) and what each
//! part covers, drawn with ratatui's `BarChart` from the counts `present::overview` made.
//!
//! Each bar is one row, read left to right as label, value, bar, so a screen reader going
//! top to bottom hears "Jimmy Iovine 37". Under `NO_COLOR` the measures differ by glyph.

use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph};

use super::Palette;
use crate::app::{App, Focus, Pane};
use crate::present::overview::Charts;
use crate::text::{truncate_to_width, width};

const MEASURES: [&str; 3] = ["events", "people", "quotes"];

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let focused = app.focus() == Focus::List && app.help_scroll().is_none();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { palette.border_focused } else { palette.border })
        .title(Line::styled(" Overview ", palette.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    if inner.width < 8 || inner.height == 0 {
        return;
    }
    if app.story().counting {
        let text = truncate_to_width("Who speaks, what each part covers: counting…", usize::from(inner.width));
        frame.render_widget(Paragraph::new(Line::styled(text, palette.dim)), Rect { height: 1, ..inner });
        return;
    }
    let charts = &app.story().charts;
    let selected = app.cursor(Pane::Overview).selected;
    let mut y = inner.y;
    let bottom = inner.bottom();
    let line = |frame: &mut Frame, y: &mut u16, text: Line| {
        if *y < bottom {
            frame.render_widget(Paragraph::new(text), Rect { y: *y, height: 1, ..inner });
            *y += 1;
        }
    };
    line(
        frame,
        &mut y,
        Line::styled(truncate_to_width("Who speaks: quotes per speaker", usize::from(inner.width)), palette.heading),
    );
    let rows = charts.speakers.len().min(usize::from(bottom.saturating_sub(y)));
    speakers(frame, Rect { y, height: rows as u16, ..inner }, app, charts, selected, focused, palette);
    y += rows as u16;
    // The second chart takes a bar per measure when it has the room, else a line per part.
    let full = 2 + charts.parts.len() * 4;
    let room = usize::from(bottom.saturating_sub(y));
    if room > charts.parts.len() + 1 {
        if room > charts.parts.len() + 2 {
            y += 1;
        }
        line(
            frame,
            &mut y,
            Line::styled(truncate_to_width("What each part covers", usize::from(inner.width)), palette.heading),
        );
    }
    if room >= full {
        parts(frame, Rect { y, height: bottom - y, ..inner }, app, charts, palette);
    } else {
        for p in &charts.parts {
            let name = app.data().label(p.episode);
            let long = format!("{name}: {} events, {} people, {} quotes", p.events, p.people, p.quotes);
            let text = if width(&long) <= usize::from(inner.width) {
                long
            } else {
                format!("{name}: {} ev, {} ppl, {} q", p.events, p.people, p.quotes)
            };
            line(frame, &mut y, Line::raw(truncate_to_width(&text, usize::from(inner.width))));
        }
    }
}

/// One horizontal bar chart of the top speakers; the selected bar carries the selection
/// style and a `›` before its name (so it shows without colour too).
fn speakers(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    charts: &Charts,
    selected: usize,
    focused: bool,
    palette: &Palette,
) {
    if area.height == 0 {
        return;
    }
    let name_room = (usize::from(area.width) / 2).clamp(4, 22);
    let names: Vec<String> =
        charts.speakers.iter().map(|&(p, _)| truncate_to_width(&app.data().label(p), name_room - 2)).collect();
    let name_width = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let digits = charts.speakers.first().map_or(1, |&(_, n)| n.to_string().len());
    let bars: Vec<Bar> = charts
        .speakers
        .iter()
        .take(usize::from(area.height))
        .enumerate()
        .map(|(i, &(_, count))| {
            // The value is part of the label, before the bar: read in order, and the bar
            // keeps its full length.
            let mark = if i == selected { "› " } else { "  " };
            let name = &names[i];
            let pad = name_width - width(name);
            let label = format!("{mark}{name}{} {count:>digits$}", " ".repeat(pad));
            // The selection is on the label (reverse video on a full block would blank the bar).
            let label = match (i == selected, focused) {
                (true, true) => Line::styled(label, palette.selected),
                (true, false) => Line::styled(label, palette.selected_unfocused),
                _ => Line::raw(label),
            };
            Bar::default().value(count as u64).label(label).text_value(String::new()).style(palette.bars[0])
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_set(glyph_set(palette.bar_glyphs[0]))
        .data(ratatui::widgets::BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}

/// Per part a heading line and three one-bar charts on one scale: events, people, quotes.
fn parts(frame: &mut Frame, area: Rect, app: &App, charts: &Charts, palette: &Palette) {
    let max = charts.parts_max().max(1) as u64;
    let label_width = MEASURES.iter().map(|m| width(m)).max().unwrap_or(6);
    let digits = max.to_string().len();
    let mut y = area.y;
    for p in &charts.parts {
        if y >= area.bottom() {
            return;
        }
        frame.render_widget(
            Paragraph::new(Line::styled(app.data().label(p.episode).into_owned(), palette.label)),
            Rect { y, height: 1, ..area },
        );
        y += 1;
        for (m, value) in [p.events, p.people, p.quotes].into_iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let label = format!("  {:<label_width$} {value:>digits$}", MEASURES[m]);
            let bar = Bar::default().value(value as u64).label(Line::raw(label)).text_value(String::new());
            let chart = BarChart::default()
                .direction(Direction::Horizontal)
                .bar_width(1)
                .max(max)
                .bar_set(glyph_set(palette.bar_glyphs[m]))
                .bar_style(palette.bars[m])
                .value_style(palette.label)
                .data(ratatui::widgets::BarGroup::default().bars(&[bar]));
            frame.render_widget(chart, Rect { y, height: 1, ..area });
            y += 1;
        }
    }
}

/// A bar set drawn with one glyph: whole cells only, so bars of different measures stay
/// distinct without colour (the eighths of the default set would all look alike).
fn glyph_set(glyph: &'static str) -> bar::Set<'static> {
    bar::Set {
        full: glyph,
        seven_eighths: glyph,
        three_quarters: glyph,
        five_eighths: glyph,
        half: glyph,
        three_eighths: glyph,
        one_quarter: glyph,
        one_eighth: glyph,
        empty: " ",
    }
}
