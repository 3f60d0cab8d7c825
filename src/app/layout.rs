//! Where each region goes for a terminal size. Pure geometry, so `update` uses the same
//! numbers as the view for page sizes and mouse hit-testing, and the view never has to
//! tell the state anything.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::Pane;
use crate::text::width;

/// Below this the app shows a "terminal too small" notice instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Above this the app draws only a "terminal too large" notice, and the run loop never
/// allocates a frame bigger than it (a 65535×65535 window would need a 206 GB buffer).
/// 1000×400 cells is wider and taller than any real screen's terminal at a readable font,
/// and its two buffers stay under 40 MB.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 400;

/// The part of a terminal of `size` that is ever drawn.
pub fn drawable(size: Rect) -> Rect {
    Rect { width: size.width.min(MAX_WIDTH), height: size.height.min(MAX_HEIGHT), ..size }
}

/// Whether the browser can be drawn at a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    Fits,
    TooSmall,
    TooLarge,
}

pub fn fit(size: Rect) -> Fit {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        Fit::TooSmall
    } else if size.width > MAX_WIDTH || size.height > MAX_HEIGHT {
        Fit::TooLarge
    } else {
        Fit::Fits
    }
}

/// From this width on, the list and the detail sit side by side.
pub const SPLIT_WIDTH: u16 = 80;

/// The list's share of the width, in percent, when the list and the detail sit side by
/// side (the config's `[ui] list-width`).
pub const LIST_PERCENT: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppLayout {
    pub tabs: Rect,
    pub crumbs: Rect,
    /// The list block (with borders), when shown.
    pub list: Option<Rect>,
    /// The detail block (with borders), when shown.
    pub detail: Option<Rect>,
    pub status: Rect,
}

impl AppLayout {
    /// `None` when the terminal is smaller than [`MIN_WIDTH`]×[`MIN_HEIGHT`] or larger than
    /// [`MAX_WIDTH`]×[`MAX_HEIGHT`]. Narrow terminals show one block: the detail when it has
    /// focus, else the list.
    pub fn new(area: Rect, detail_focused: bool) -> Option<Self> {
        Self::split(area, detail_focused, LIST_PERCENT)
    }

    /// [`AppLayout::new`] with the list taking `list_percent` of a wide terminal.
    pub fn split(area: Rect, detail_focused: bool, list_percent: u16) -> Option<Self> {
        Self::with_list(area, detail_focused, list_percent, false)
    }

    /// As [`AppLayout::split`]; a `full` list (the Timeline's lanes) takes the whole width
    /// while it has the keyboard, and shares it with the detail once a record is open.
    pub fn with_list(area: Rect, detail_focused: bool, list_percent: u16, full: bool) -> Option<Self> {
        let list_percent = list_percent.min(100);
        if fit(area) != Fit::Fits {
            return None;
        }
        let [tabs, crumbs, body, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)])
                .areas(area);
        let (list, detail) = if full && !detail_focused {
            (Some(body), None)
        } else if area.width >= SPLIT_WIDTH {
            let [list, detail] =
                Layout::horizontal([Constraint::Percentage(list_percent), Constraint::Percentage(100 - list_percent)])
                    .areas(body);
            (Some(list), Some(detail))
        } else if detail_focused {
            (None, Some(body))
        } else {
            (Some(body), None)
        };
        Some(Self { tabs, crumbs, list, detail, status })
    }

    /// Rows of records the list can show.
    pub fn list_rows(&self) -> usize {
        self.list.map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// The text area inside the detail block (borders and one column of padding removed).
    pub fn detail_text(&self) -> Option<Rect> {
        self.detail.map(|r| Rect {
            x: r.x + 2,
            y: r.y + 1,
            width: r.width.saturating_sub(4).max(1),
            height: r.height.saturating_sub(2).max(1),
        })
    }

    pub fn detail_rows(&self) -> usize {
        self.detail_text().map_or(1, |r| usize::from(r.height))
    }
}

/// The area inside a box's one-cell border (nothing for a box too small to have one).
fn inside_border(popup: Rect) -> Rect {
    Rect {
        x: popup.x.saturating_add(1).min(popup.right()),
        y: popup.y.saturating_add(1).min(popup.bottom()),
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    }
}

/// The command palette's box (near the top, as in editors) and its inside: the prompt on
/// the first row, the list below.
pub fn palette_popup(area: Rect) -> (Rect, Rect) {
    let width = area.width.saturating_sub(4).clamp(1, 90);
    let height = area.height.saturating_sub(2).clamp(1, 20);
    let x = area.x + (area.width.saturating_sub(width)) / 2;
    let y = area.y + u16::from(area.height > 10);
    let popup = Rect { x, y, width, height };
    (popup, inside_border(popup))
}

/// The centred box the help overlay is drawn in, and the text area inside its border.
pub fn help_popup(area: Rect, want: (u16, u16)) -> (Rect, Rect) {
    let width = want.0.min(area.width.saturating_sub(4)).max(area.width.min(24)).max(1);
    let height = want.1.min(area.height.saturating_sub(2)).max(1);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    (popup, inside_border(popup))
}

/// The reader's text column for a preferred `width`: centred, never wider than the
/// terminal allows, above a one-row status line.
pub fn reader_column(area: Rect, width: u16) -> Rect {
    let body_height = area.height.saturating_sub(1);
    let column_width = reader_width(area, width);
    Rect {
        x: area.x + (area.width.saturating_sub(column_width)) / 2,
        y: area.y + u16::from(body_height > 4),
        width: column_width,
        height: body_height.saturating_sub(2).max(1),
    }
}

/// The column width the reader actually uses at this size.
pub fn reader_width(area: Rect, width: u16) -> u16 {
    width.min(area.width.saturating_sub(4)).max(1)
}

/// The reader's status line, at the bottom.
pub fn reader_status(area: Rect) -> Rect {
    Rect { y: area.bottom().saturating_sub(1), height: 1.min(area.height), ..area }
}

/// The tab bar's labels and where each starts, fitted to `width`: full names with counts,
/// then full names, then the shown pane's full name with short forms for the others. The
/// Overview has no count (it is one record).
pub fn tabs_for(width_available: u16, counts: [usize; Pane::ALL.len()], shown: Pane) -> Vec<(Pane, u16, String)> {
    let count = |p: Pane, n: usize| if p == Pane::Overview { String::new() } else { format!(" ({n})") };
    let forms: [&dyn Fn(Pane, usize) -> String; 4] = [
        &|p, n| format!(" {} {}{} ", p.number(), p.title(), count(p, n)),
        &|p, _| format!(" {} {} ", p.number(), p.title()),
        &|p, _| format!("{} {}", p.number(), p.title()),
        &|p, _| {
            if p == shown {
                format!("{} {}", p.number(), p.title())
            } else {
                format!("{} {}", p.number(), &p.title()[..2])
            }
        },
    ];
    for (i, form) in forms.iter().enumerate() {
        let labels: Vec<String> = Pane::ALL.iter().map(|&p| form(p, counts[p as usize])).collect();
        let total: usize = labels.iter().map(|l| width(l)).sum::<usize>() + labels.len() - 1;
        if total <= usize::from(width_available) || i == forms.len() - 1 {
            let mut x = 0u16;
            return Pane::ALL
                .iter()
                .zip(labels)
                .map(|(&p, label)| {
                    let start = x;
                    x = x.saturating_add(width(&label) as u16 + 1);
                    (p, start, label)
                })
                .collect();
        }
    }
    Vec::new()
}

/// [`tabs_for`] with the Overview shown.
pub fn tabs(width_available: u16, counts: [usize; Pane::ALL.len()]) -> Vec<(Pane, u16, String)> {
    tabs_for(width_available, counts, Pane::Overview)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_and_split() {
        assert!(AppLayout::new(Rect::new(0, 0, 39, 30), false).is_none());
        assert!(AppLayout::new(Rect::new(0, 0, 80, 9), false).is_none());
        let wide = AppLayout::new(Rect::new(0, 0, 120, 40), false).expect("fits");
        assert!(wide.list.is_some() && wide.detail.is_some());
        let narrow = AppLayout::new(Rect::new(0, 0, 60, 20), true).expect("fits");
        assert!(narrow.list.is_none() && narrow.detail.is_some());
        let lanes = AppLayout::with_list(Rect::new(0, 0, 120, 40), false, LIST_PERCENT, true).expect("fits");
        assert_eq!((lanes.list.map(|r| r.width), lanes.detail), (Some(120), None));
        let opened = AppLayout::with_list(Rect::new(0, 0, 120, 40), true, LIST_PERCENT, true).expect("fits");
        assert!(opened.list.is_some() && opened.detail.is_some());
    }

    #[test]
    fn tabs_shrink_to_fit() {
        let counts = [1, 4, 22, 68, 8, 126, 54];
        let wide = tabs(160, counts);
        assert!(wide[5].2.contains("Quotes (126)"), "{wide:?}");
        assert!(!wide[0].2.contains('('), "the Overview has no count");
        // Full names as long as they fit: at 80 columns every name is whole.
        let eighty = tabs(80, counts);
        assert!(eighty.iter().all(|(p, _, l)| l.contains(p.title())), "{eighty:?}");
        let narrow = tabs_for(40, counts, Pane::People);
        assert!(narrow.iter().any(|(p, _, l)| *p == Pane::People && l.contains("People")), "{narrow:?}");
        assert!(narrow.iter().filter(|(p, _, _)| *p != Pane::People).all(|(_, _, l)| l.len() < 6), "{narrow:?}");
    }
}
