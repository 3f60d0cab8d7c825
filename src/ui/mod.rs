//! Drawing: a pure function of `&App`. Nothing here mutates state or does slow work; the
//! detail is already laid out by `update` and lists draw only their visible rows.

mod chrome;
mod commands;
mod detail;
mod help;
pub mod hyperlink;
mod kept;
mod list;
mod overview;
pub mod palette;
mod reader;
mod results;
pub mod styles;
mod timeline;
mod which_key;

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Pane, layout};
pub use palette::Palette;
pub use styles::{Role, Styles};

/// Draw the whole screen for the app's state.
pub fn view(frame: &mut Frame, app: &App, palette: &Palette) {
    let area = frame.area();
    let Some(layout) = app.layout() else {
        match layout::fit(app.size()) {
            layout::Fit::TooLarge => too_large(frame, app, palette),
            _ => too_small(frame, palette),
        }
        return;
    };
    if let Some(reader) = app.reader() {
        reader::render(frame, app, reader, palette);
        kept::prompt(frame, layout::reader_status(area), app, palette);
        overlays(frame, area, app, palette);
        return;
    }
    match app.search() {
        Some(search) => {
            results::chips(frame, layout.tabs, app, search, palette);
            results::prompt(frame, layout.crumbs, search, palette);
            if let Some(list_area) = layout.list {
                results::render(frame, list_area, app, search, palette);
            }
        }
        None => {
            chrome::tabs(frame, layout.tabs, app, palette);
            chrome::breadcrumb(frame, layout.crumbs, app, palette);
            match layout.list {
                Some(list_area) if app.collections_shown() => kept::shelf(frame, list_area, app, palette),
                Some(list_area) => match app.pane() {
                    Pane::Overview => overview::render(frame, list_area, app, palette),
                    Pane::Timeline => timeline::render(frame, list_area, app, palette),
                    _ => list::render(frame, list_area, app, palette),
                },
                None => {}
            }
        }
    }
    if let Some(detail_area) = layout.detail {
        detail::render(frame, detail_area, app, palette);
    }
    chrome::status(frame, layout.status, app, palette);
    kept::trail(frame, area, app, palette);
    kept::prompt(frame, layout.status, app, palette);
    overlays(frame, area, app, palette);
}

/// What is drawn over the screen: help, the palette, the keys that can follow a prefix.
fn overlays(frame: &mut Frame, area: ratatui::layout::Rect, app: &App, palette: &Palette) {
    if app.help_scroll().is_some() {
        help::render(frame, area, app, palette);
    }
    if let Some(state) = app.palette() {
        commands::render(frame, app, state, palette);
    }
    which_key::render(frame, app, palette);
}

fn too_small(frame: &mut Frame, palette: &Palette) {
    let area = frame.area();
    let text = vec![
        Line::styled("Terminal too small", palette.notice),
        Line::from(format!("{}×{}, need {}×{}", area.width, area.height, layout::MIN_WIDTH, layout::MIN_HEIGHT)),
        Line::styled("Enlarge the window, or press q to quit", palette.dim),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let area = ratatui::layout::Rect { y: area.y + top, height: area.height - top, ..area };
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), area);
}

/// Past the largest size drawn, a notice in the top left corner (the rest stays blank).
fn too_large(frame: &mut Frame, app: &App, palette: &Palette) {
    let size = app.size();
    let text = vec![
        Line::styled(" Terminal too large", palette.notice),
        Line::from(format!(" {}×{}, at most {}×{}", size.width, size.height, layout::MAX_WIDTH, layout::MAX_HEIGHT)),
        Line::styled(" Shrink the window, or press q to quit", palette.dim),
    ];
    frame.render_widget(Paragraph::new(text), frame.area());
}
