//! Browser-style history of opened records: back, forward, and a new visit drops the
//! forward stack. Each visit remembers its link cursor and scroll, so Back returns to
//! exactly where the reader was.

use crate::data::RecordRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub record: RecordRef,
    /// Index of the selected link in the record's detail.
    pub link: usize,
    /// First detail line on screen.
    pub scroll: usize,
}

/// Visited records and where we are among them. `position == None` means "on the list",
/// before the first visit (like a browser's start page).
#[derive(Debug, Clone, Default)]
pub struct History {
    visits: Vec<Visit>,
    position: Option<usize>,
}

impl History {
    pub fn visit(&mut self, record: RecordRef) {
        let keep = self.position.map_or(0, |p| p + 1);
        self.visits.truncate(keep);
        self.visits.push(Visit { record, link: 0, scroll: 0 });
        self.position = Some(self.visits.len() - 1);
    }

    /// Step back; returns false when already on the list.
    pub fn back(&mut self) -> bool {
        match self.position {
            Some(0) => {
                self.position = None;
                true
            }
            Some(p) => {
                self.position = Some(p - 1);
                true
            }
            None => false,
        }
    }

    /// Step forward; returns false when there is nothing ahead.
    pub fn forward(&mut self) -> bool {
        let next = self.position.map_or(0, |p| p + 1);
        if next < self.visits.len() {
            self.position = Some(next);
            true
        } else {
            false
        }
    }

    /// Which visit is current (`None`: the list).
    pub fn position(&self) -> Option<usize> {
        self.position
    }

    /// Make a visit current again, if it is still there.
    pub fn set_position(&mut self, position: Option<usize>) {
        if position.is_none_or(|p| p < self.visits.len()) {
            self.position = position;
        }
    }

    pub fn current(&self) -> Option<&Visit> {
        self.position.map(|p| &self.visits[p])
    }

    pub fn current_mut(&mut self) -> Option<&mut Visit> {
        self.position.map(|p| &mut self.visits[p])
    }

    /// The trail from the first visit to the current one, for the breadcrumb.
    pub fn trail(&self) -> &[Visit] {
        match self.position {
            Some(p) => &self.visits[..=p],
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Kind;

    fn r(i: usize) -> RecordRef {
        RecordRef::new(Kind::Person, i)
    }

    #[test]
    fn back_forward_and_new_visit_truncates() {
        let mut h = History::default();
        h.visit(r(1));
        h.visit(r(2));
        h.visit(r(3));
        assert!(h.back());
        assert_eq!(h.current().map(|v| v.record), Some(r(2)));
        assert!(h.forward());
        assert_eq!(h.current().map(|v| v.record), Some(r(3)));
        assert!(!h.forward());
        h.back();
        h.back();
        h.visit(r(9));
        assert_eq!(h.trail().iter().map(|v| v.record).collect::<Vec<_>>(), vec![r(1), r(9)]);
        assert!(!h.forward(), "a new visit drops what was ahead");
        assert!(h.back() && h.back() && !h.back());
        assert!(h.current().is_none());
    }
}
