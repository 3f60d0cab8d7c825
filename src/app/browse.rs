//! The browsing half: which pane is shown and a cursor per pane. It answers where a click
//! lands in the tabs or the list; what a click or a key then opens is the router's call.

use ratatui::layout::Position;

use super::layout::{self, AppLayout};
use super::order::Order;
use super::rows::Rows;
use super::{Cursor, Pane};
use crate::data::{Dataset, RecordRef};

/// Which half of the browser has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A jump of the selection or the scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    By(isize),
    First,
    Last,
}

impl Motion {
    /// The motion as a row delta within `len` rows.
    pub fn delta(self, len: usize) -> isize {
        match self {
            Motion::By(delta) => delta,
            Motion::First => -(len as isize),
            Motion::Last => len as isize,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Browse {
    pane: Pane,
    cursors: [Cursor; Pane::ALL.len()],
    /// What each pane lists, in the order shown.
    rows: [Rows; Pane::ALL.len()],
    /// Each pane's order (`o`).
    orders: [Order; Pane::ALL.len()],
}

impl Default for Browse {
    /// Every pane lists its kind in file order (the Overview and the Timeline are given
    /// their lists with [`Browse::set_rows`]).
    fn default() -> Self {
        Self {
            pane: Pane::default(),
            cursors: Default::default(),
            rows: Pane::ALL.map(|p| Rows::All(p.kind())),
            orders: Default::default(),
        }
    }
}

impl Browse {
    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn cursor(&self, pane: Pane) -> Cursor {
        self.cursors[pane as usize]
    }

    pub fn rows(&self, pane: Pane) -> &Rows {
        &self.rows[pane as usize]
    }

    pub fn order(&self, pane: Pane) -> Order {
        self.orders[pane as usize]
    }

    /// `o`: the shown pane's next order; the selection stays on its record. False when the
    /// pane has only one order (the Overview's chart, the Timeline's dates).
    pub fn cycle_order(&mut self, data: &Dataset, height: usize) -> bool {
        let next = self.orders[self.pane as usize].next(self.pane.kind());
        self.set_order(data, next, height)
    }

    /// Put the shown pane in `order` (`:sort name`); false when the pane has no such order.
    pub fn set_order(&mut self, data: &Dataset, order: Order, height: usize) -> bool {
        let (pane, kind) = (self.pane, self.pane.kind());
        if matches!(pane, Pane::Overview | Pane::Timeline) || !Order::cycle(kind).contains(&order) {
            return false;
        }
        self.orders[pane as usize] = order;
        self.set_rows(data, pane, order.rows(data, kind), height, true);
        true
    }

    /// Give a pane another list (a sort order, the speakers, the events by date). The
    /// selection stays on the record it was on when the new list has it (`keep`), else it
    /// goes to the first row.
    pub fn set_rows(&mut self, data: &Dataset, pane: Pane, rows: Rows, height: usize, keep: bool) {
        let was = self.rows[pane as usize].get(data, self.cursors[pane as usize].selected).filter(|_| keep);
        self.rows[pane as usize] = rows;
        let rows = &self.rows[pane as usize];
        let at = was.and_then(|r| rows.position(r)).unwrap_or(0);
        self.cursors[pane as usize].select(at, rows.len(data), height);
    }

    /// How many rows the shown pane lists.
    pub fn len(&self, data: &Dataset) -> usize {
        self.rows[self.pane as usize].len(data)
    }

    /// The record selected in the shown pane's list.
    pub fn selected(&self, data: &Dataset) -> Option<RecordRef> {
        self.rows[self.pane as usize].get(data, self.cursor(self.pane).selected)
    }

    pub fn show_pane(&mut self, pane: Pane) {
        self.pane = pane;
    }

    /// Move the shown pane's selection, keeping it in a window of `rows`.
    pub fn move_by(&mut self, data: &Dataset, motion: Motion, rows: usize) {
        let len = self.len(data);
        self.cursors[self.pane as usize].move_by(motion.delta(len), len, rows);
    }

    /// Show a record in its pane's list (sources have no pane: the list stays).
    pub fn reveal(&mut self, data: &Dataset, record: RecordRef, rows: usize) {
        if let Some(pane) = Pane::of(record.kind) {
            self.pane = pane;
            let list = &self.rows[pane as usize];
            if let Some(at) = list.position(record) {
                self.cursors[pane as usize].select(at, list.len(data), rows);
            }
        }
    }

    /// Scroll the shown pane's window by `lines`; the selection stays unless it would leave
    /// the window.
    pub fn scroll_view(&mut self, data: &Dataset, lines: isize, rows: usize) {
        let len = self.len(data);
        let cursor = &mut self.cursors[self.pane as usize];
        let max = len.saturating_sub(rows.max(1));
        cursor.offset = cursor.offset.saturating_add_signed(lines).min(max);
        cursor.selected =
            cursor.selected.clamp(cursor.offset, (cursor.offset + rows.max(1)).saturating_sub(1).max(cursor.offset));
        cursor.keep_visible(len, rows);
    }

    /// Select a row of the shown pane by its index.
    pub fn select_row(&mut self, data: &Dataset, index: usize, rows: usize) {
        let len = self.len(data);
        self.cursors[self.pane as usize].select(index, len, rows);
    }

    /// Keep every pane's selection on screen after the list changed height.
    pub fn keep_visible(&mut self, data: &Dataset, rows: usize) {
        for pane in Pane::ALL {
            self.cursors[pane as usize].keep_visible(self.rows[pane as usize].len(data), rows);
        }
    }

    /// The pane whose tab is at a cell of the tab bar.
    pub fn tab_at(&self, data: &Dataset, layout: &AppLayout, at: Position) -> Option<Pane> {
        if !layout.tabs.contains(at) {
            return None;
        }
        let x = at.x - layout.tabs.x;
        layout::tabs_for(layout.tabs.width, self.counts(data), self.pane)
            .into_iter()
            .find(|(_, start, label)| x >= *start && usize::from(x - start) < crate::text::width(label))
            .map(|(pane, _, _)| pane)
    }

    /// The index of the list row at a cell (inside the list's border), if a record is there.
    pub fn row_at(&self, data: &Dataset, layout: &AppLayout, at: Position) -> Option<usize> {
        let list = layout.list.filter(|r| r.contains(at))?;
        if at.y <= list.y || at.y >= list.bottom().saturating_sub(1) {
            return None;
        }
        // The Overview's chart has a heading line above its bars.
        let top = list.y + 1 + u16::from(self.pane == Pane::Overview);
        if at.y < top {
            return None;
        }
        let index = self.cursor(self.pane).offset + usize::from(at.y - top);
        (index < self.len(data)).then_some(index)
    }

    /// Records per pane, for the tab labels.
    pub fn counts(&self, data: &Dataset) -> [usize; Pane::ALL.len()] {
        Pane::ALL.map(|p| self.rows[p as usize].len(data))
    }
}
