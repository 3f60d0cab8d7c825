//! Terminal hyperlinks (OSC 8) over cells already drawn: each cell of the linked text gets
//! its symbol wrapped in the link's opening and closing sequence, with its width forced to
//! what the text takes (the sequences' bytes would otherwise count as columns, issue
//! ratatui#902). The URL was checked by `present::url`, so it holds no escape of its own.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

/// Link the cells of `area` (one row) to `url`.
pub fn link(buffer: &mut Buffer, area: Rect, url: &str) {
    let Some(row) = area.intersection(buffer.area).height.checked_sub(1).map(|_| area.y) else { return };
    let mut x = area.x;
    while x < area.right().min(buffer.area.right()) {
        let Some(cell) = buffer.cell_mut((x, row)) else { break };
        let symbol = cell.symbol().to_string();
        let width = crate::text::width(&symbol).max(1);
        // The blank cell after a wide character stays as it is.
        if !symbol.is_empty() {
            cell.set_symbol(&format!("\x1b]8;;{url}\x1b\\{symbol}\x1b]8;;\x1b\\"));
            if let Some(width) = NonZeroU16::new(u16::try_from(width).unwrap_or(1)) {
                cell.set_diff_option(CellDiffOption::ForcedWidth(width));
            }
        }
        x = x.saturating_add(u16::try_from(width).unwrap_or(1));
    }
}
