//! Search on screen: the query prompt, the kind chips with counts, and the result rows
//! with matched characters highlighted and the field that matched named.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Palette;
use crate::app::App;
use crate::app::search::{ResultRow, Scope, SearchState, label_field};
use crate::data::Kind;
use crate::text::{split_matches, truncate_to_width, width};

/// `All 42 · Episodes 2 · …` for global search; the pane name for a filter.
pub(super) fn chips(frame: &mut Frame, area: Rect, app: &App, search: &SearchState, palette: &Palette) {
    let mut spans = Vec::new();
    match search.scope {
        Scope::Pane(pane) => {
            spans.push(Span::styled(format!(" Filter {} ", pane.title()), palette.tab_active));
            spans.push(Span::styled(
                format!(" {} of {}", search.shown.len(), app.data().count(pane.kind())),
                palette.dim,
            ));
        }
        Scope::Everything => {
            let total: usize = search.counts.iter().sum();
            let mut chip = |label: String, active: bool, empty: bool| {
                let style = match (active, empty) {
                    (true, _) => palette.tab_active,
                    (false, true) => palette.dim,
                    (false, false) => palette.tab,
                };
                spans.push(Span::styled(label, style));
                spans.push(Span::raw(" "));
            };
            chip(format!(" All {total} "), search.facet.is_none(), false);
            // Every kind, always in this order, so the row never reflows as counts change.
            for kind in Kind::ALL {
                let n = search.counts[kind as usize];
                chip(format!(" {} {n} ", kind.plural()), search.facet == Some(kind), n == 0);
            }
        }
    }
    let line = clip(spans, usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

/// The query line, with the terminal cursor placed in it.
pub(super) fn prompt(frame: &mut Frame, area: Rect, search: &SearchState, palette: &Palette) {
    let sigil = match search.scope {
        Scope::Pane(_) => " / ",
        Scope::Everything => " search: ",
    };
    let mut spans = vec![Span::styled(sigil, palette.key)];
    let room = usize::from(area.width).saturating_sub(width(sigil) + 12);
    // The echo is sanitized like data (a pasted ESC shows as ␛), and the cursor is placed
    // on that displayed text.
    let typed: String = search.input().chars().take(search.cursor()).collect();
    let before: Vec<char> = crate::sanitize::line(&typed).chars().collect();
    let after = crate::sanitize::line(&search.input().chars().skip(search.cursor()).collect::<String>()).into_owned();
    // Keep the cursor visible in long queries by dropping characters from the front: the
    // fewest that make the rest fit (the width only shrinks as the start moves right, so a
    // binary search finds it in O(n log n), where stepping one char at a time was O(n²)).
    let fits = |start: usize| width(&before[start..].iter().collect::<String>()) <= room;
    let (mut start, mut end) = (0, before.len());
    while start < end {
        let mid = start + (end - start) / 2;
        if fits(mid) { end = mid } else { start = mid + 1 }
    }
    let before: String = before[start..].iter().collect();
    // A query brought back is shown selected: typing replaces it.
    let style = if search.text_selected() { palette.selected } else { palette.text };
    spans.push(Span::styled(truncate_to_width(&format!("{before}{after}"), room), style));
    let mut flags = Vec::new();
    if search.exact {
        flags.push("exact");
    }
    if search.query().unclosed_quote {
        // Say why a phrase finds nothing yet: the lone `"` is searched for as a character.
        flags.push("unclosed \" taken literally");
    }
    if !search.done {
        flags.push("searching…");
    }
    if !flags.is_empty() {
        spans.push(Span::styled(format!("  [{}]", flags.join(", ")), palette.status));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + width(sigil) as u16 + width(&before) as u16;
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

pub(super) fn render(frame: &mut Frame, area: Rect, app: &App, search: &SearchState, palette: &Palette) {
    let title = match search.scope {
        Scope::Pane(pane) => format!(" {} ({}) ", pane.title(), search.shown.len()),
        Scope::Everything => format!(" Results ({}) ", search.shown.len()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(palette.border_focused)
        .title(Line::styled(title, palette.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(text) = search.empty_message(app.keymap()) {
        // Wrapped with its indent (a Paragraph's own wrap drops it on later lines).
        let lines: Vec<Line> = crate::text::wrap(&text, usize::from(inner.width).saturating_sub(1), " ", " ")
            .into_iter()
            .map(|l| Line::styled(l, palette.dim))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let room = usize::from(inner.width).saturating_sub(1);
    let lines: Vec<Line> = search
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let selected = search.list.offset + i == search.list.selected;
            let line = row_line(app, search, row, room, palette);
            if selected { line.style(palette.selected) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_line<'a>(app: &App, search: &SearchState, row: &ResultRow, room: usize, palette: &Palette) -> Line<'a> {
    let data = app.data();
    let mut head: Vec<Span> = vec![super::list::mark(app, row.record, palette)];
    if search.scope == Scope::Everything {
        head.push(Span::styled(format!("{:<8}", row.record.kind.name()), palette.dim));
    }
    let label = data.label(row.record);
    let label_spans = highlighted(&label, &row.label_positions, palette.text, palette.matched);
    // What tells rows apart comes after the label and is kept first: a quote's speaker and
    // the field that matched; the label (a quote's text) is what gets cut.
    let mut tail: Vec<Span> = Vec::new();
    if row.record.kind == crate::data::Kind::Quote {
        let speaker = data.speaker_name(&data.quotes[row.record.index]).to_string();
        tail.push(Span::styled(format!("  — {speaker}"), palette.dim));
    }
    if !search.input().trim().is_empty() {
        // Say which field matched, so a surprising result explains itself.
        tail.push(Span::styled(format!("  · {}", row.field.label()), palette.dim));
    }
    let mut snippet_spans = Vec::new();
    if row.field != label_field(row.record.kind) {
        if let Some(other) = &row.other {
            let snippet = snippet(&other.text, &other.positions);
            snippet_spans.push(Span::styled(": ", palette.dim));
            snippet_spans.extend(highlighted(&snippet.0, &snippet.1, palette.dim, palette.matched));
        }
    }
    let used = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let head_width = used(&head);
    // The tail leaves the label at least 10 columns, so a long speaker cannot hide it.
    let tail = clip(tail, room.saturating_sub(head_width + 10)).spans;
    let label_room = room.saturating_sub(head_width + used(&tail)).max(1);
    let label_spans = clip(label_spans, label_room).spans;
    let mut spans = head;
    spans.extend(label_spans);
    spans.extend(tail);
    spans.extend(snippet_spans);
    clip(spans, room)
}

/// Spans of `text` with the chars at `positions` in `hit` style, on one line.
fn highlighted<'a>(text: &str, positions: &[usize], normal: Style, hit: Style) -> Vec<Span<'a>> {
    split_matches(text, 0, 0, positions)
        .into_iter()
        .map(|(matched, run)| Span::styled(run.replace('\n', " "), if matched { hit } else { normal }))
        .collect()
}

/// A short piece of a long field around its first match, with positions shifted to it.
fn snippet(text: &str, positions: &[usize]) -> (String, Vec<usize>) {
    let first = positions.first().copied().unwrap_or(0);
    let start = first.saturating_sub(4);
    let chars: Vec<char> = text.chars().collect();
    let end = (start + 60).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    let mut shift = start;
    if start > 0 {
        out.insert(0, '…');
        shift = start.saturating_sub(1);
    }
    let shifted = positions.iter().filter(|&&p| p >= start && p < end).map(|p| p - shift).collect();
    (out, shifted)
}

/// Cut a line of spans to `room` columns without splitting a character.
fn clip(spans: Vec<Span<'_>>, room: usize) -> Line<'_> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = width(&span.content);
        if used + w <= room {
            used += w;
            out.push(span);
        } else {
            let cut = truncate_to_width(&span.content, room - used);
            out.push(Span::styled(cut, span.style));
            break;
        }
    }
    Line::from(out)
}
