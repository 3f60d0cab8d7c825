//! The frame around the content: the tab bar, the breadcrumb and the status bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Palette;
use crate::app::keeping::tab;
use crate::app::{App, Context, Focus};
use crate::text::{truncate_to_width, width};

pub(super) fn tabs(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let mut spans = Vec::new();
    // The Collections tab (issue #16) after the pane tabs, as `keeping::tab` places it.
    let collections = app.collections_shown();
    let (pane_tabs, extra) = tab::bar(area.width, app.pane_counts(), app.pane(), app.kept().saved().collections.len());
    for (i, (pane, _, label)) in pane_tabs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let style = if pane == app.pane() && !collections { palette.tab_active } else { palette.tab };
        spans.push(Span::styled(label, style));
    }
    if let Some((_, label)) = extra {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(label, if collections { palette.tab_active } else { palette.tab }));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `Episodes › Part 3 › Jimmy Iovine › quote q81`, cut from the left when too long so the
/// current record always shows.
pub(super) fn breadcrumb(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let crumbs = match app.shelf().open_name() {
        _ if !app.collections_shown() || app.focus() != Focus::List => app.breadcrumb(),
        Some(name) => vec!["Collections".to_string(), name.to_string()],
        None => vec!["Collections".to_string()],
    };
    let mut text = format!(" {}", crumbs.join(" › "));
    let room = usize::from(area.width);
    if width(&text) > room {
        let mut kept: Vec<&String> = Vec::new();
        let mut used = 2;
        for crumb in crumbs.iter().rev() {
            let w = width(crumb) + 3;
            if used + w > room && !kept.is_empty() {
                break;
            }
            used += w;
            kept.push(crumb);
        }
        kept.reverse();
        let joined: Vec<&str> = kept.iter().map(|s| s.as_str()).collect();
        text = truncate_to_width(&format!(" … › {}", joined.join(" › ")), room);
    }
    frame.render_widget(Paragraph::new(Line::styled(text, palette.crumb)), area);
}

pub(super) fn status(frame: &mut Frame, area: Rect, app: &App, palette: &Palette) {
    let position = match (app.search(), app.focus()) {
        (Some(search), _) => {
            let len = search.shown.len();
            if len == 0 { "0/0".to_string() } else { format!("{}/{len}", search.list.selected + 1) }
        }
        (None, Focus::List) if app.collections_shown() => {
            let saved = app.kept().saved();
            let (cursor, len) = match app.shelf().open_collection(saved) {
                Some(c) => (app.shelf().entries_cursor(), c.entries.len()),
                None => (app.shelf().names_cursor(), saved.collections.len()),
            };
            if len == 0 { "0/0".to_string() } else { format!("{}/{len}", cursor.selected + 1) }
        }
        (None, Focus::List) => {
            let len = app.rows(app.pane()).len(app.data());
            if len == 0 { "0/0".to_string() } else { format!("{}/{len}", app.cursor(app.pane()).selected + 1) }
        }
        (None, Focus::Detail) => app.doc().map_or(String::new(), |d| {
            let (_, link) = app.detail_position();
            match link {
                Some(l) if !d.links.is_empty() => format!("link {}/{}", l + 1, d.links.len()),
                _ => String::new(),
            }
        }),
    };
    // A count or a prefix key typed so far, as vim shows it: `12`, `g`, `3y`.
    let pending = app.pending();
    let typed = format!(
        "{}{}",
        pending.count.map(|n| n.to_string()).unwrap_or_default(),
        pending.prefix.map(|k| k.label()).unwrap_or_default()
    );
    let position = if typed.is_empty() { position } else { format!("{typed}  {position}") };
    let room = usize::from(area.width).saturating_sub(width(&position) + 2);
    let mut spans = vec![Span::raw(" ")];
    if let Some(message) = app.status() {
        spans.push(Span::styled(truncate_to_width(message, room), palette.status));
    } else {
        spans.extend(hints(app, app.context(), 1, room, palette));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let pad = usize::from(area.width).saturating_sub(used + width(&position) + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(position, palette.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key table's hints for a context, as many as fit in `room` after `used` columns.
/// The help key's hint is always kept (room is set aside for it), so `?` can be found at
/// any width.
pub(super) fn hints(
    app: &App,
    context: Context,
    mut used: usize,
    room: usize,
    palette: &Palette,
) -> Vec<Span<'static>> {
    let all = app.keymap().hints(context);
    let piece = |(keys, hint): &(String, &str)| width(keys) + width(hint) + 3;
    let help = all.iter().position(|(_, hint)| *hint == "help");
    let mut reserve = help.map_or(0, |i| piece(&all[i]));
    let mut spans = Vec::new();
    let push = |spans: &mut Vec<Span<'static>>, (keys, hint): &(String, &'static str)| {
        spans.push(Span::styled(keys.clone(), palette.key));
        spans.push(Span::styled(format!(" {hint}  "), palette.dim));
    };
    for (i, entry) in all.iter().enumerate() {
        let is_help = Some(i) == help;
        let needed = piece(entry) + if is_help { 0 } else { reserve };
        if used + needed > room {
            break;
        }
        used += piece(entry);
        if is_help {
            reserve = 0;
        }
        push(&mut spans, entry);
    }
    if reserve > 0
        && let Some(i) = help
        && used + reserve <= room
    {
        push(&mut spans, &all[i]);
    }
    spans
}
