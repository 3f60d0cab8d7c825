//! The browsing panes and a scrolling cursor over a list.

use crate::data::Kind;

/// A browsing pane. Each record pane lists the records of one kind; the Overview shows the
/// series (its list is the "who speaks" chart) and the Timeline lists the events by date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    /// The start screen: the series record and two charts (key `0`, issue #12).
    #[default]
    Overview,
    Episodes,
    Themes,
    People,
    Footage,
    Quotes,
    /// The events in time, in lanes (key `6`, issue #12).
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 7] =
        [Pane::Overview, Pane::Episodes, Pane::Themes, Pane::People, Pane::Footage, Pane::Quotes, Pane::Timeline];

    /// The kind of record the pane is about (the Overview's is the series).
    pub fn kind(self) -> Kind {
        match self {
            Pane::Overview => Kind::Series,
            Pane::Episodes => Kind::Episode,
            Pane::Themes => Kind::Theme,
            Pane::People => Kind::Person,
            Pane::Footage => Kind::Footage,
            Pane::Quotes => Kind::Quote,
            Pane::Timeline => Kind::Event,
        }
    }

    /// The pane listing a kind; sources have no pane of their own.
    pub fn of(kind: Kind) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.kind() == kind)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Overview => "Overview",
            Pane::Timeline => "Timeline",
            _ => self.kind().plural(),
        }
    }

    /// The pane's key: `0` for the Overview, then `1` to `6` in order.
    pub fn number(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self as usize + 1) % Pane::ALL.len()]
    }

    pub fn previous(self) -> Pane {
        Pane::ALL[(self as usize + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

/// Selection and scroll offset of a list, kept in range by every method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Move by `delta` rows within `len` rows, scrolling so the selection stays in a
    /// window of `height` rows.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = (self.selected as isize + delta).clamp(0, len as isize - 1);
        self.select(target as usize, len, height);
    }

    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.keep_visible(len, height);
    }

    /// Adjust the offset so the selection is on screen and no empty rows trail the list.
    pub fn keep_visible(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_stays_in_range_and_visible() {
        let mut c = Cursor::default();
        c.move_by(5, 10, 3);
        assert_eq!((c.selected, c.offset), (5, 3));
        c.move_by(100, 10, 3);
        assert_eq!((c.selected, c.offset), (9, 7));
        c.move_by(-100, 10, 3);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.move_by(1, 0, 3);
        assert_eq!(c, Cursor::default());
    }

    #[test]
    fn panes_cycle() {
        assert_eq!(Pane::Timeline.next(), Pane::Overview);
        assert_eq!(Pane::Overview.previous(), Pane::Timeline);
        assert_eq!((Pane::Overview.number(), Pane::Quotes.number(), Pane::Timeline.number()), (0, 5, 6));
        assert_eq!(Pane::of(Kind::Source), None);
    }
}
