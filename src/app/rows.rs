//! What a pane lists, in the order shown: every record of its kind in file order, or a list
//! made for it (the Overview's speakers, the Timeline's events by date, a sort order).

use std::sync::Arc;

use crate::data::{Dataset, Kind, RecordRef};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every record of a kind, in file order (no list is kept).
    All(Kind),
    /// These records, in this order (shared, so remembering a view copies nothing).
    Listed(Arc<[RecordRef]>),
}

impl Rows {
    pub fn len(&self, data: &Dataset) -> usize {
        match self {
            Rows::All(kind) => data.count(*kind),
            Rows::Listed(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self, data: &Dataset) -> bool {
        self.len(data) == 0
    }

    /// The record on row `row`.
    pub fn get(&self, data: &Dataset, row: usize) -> Option<RecordRef> {
        match self {
            Rows::All(kind) => (row < data.count(*kind)).then(|| RecordRef::new(*kind, row)),
            Rows::Listed(rows) => rows.get(row).copied(),
        }
    }

    /// The row a record is on, if the pane lists it.
    pub fn position(&self, record: RecordRef) -> Option<usize> {
        match self {
            Rows::All(kind) => (*kind == record.kind).then_some(record.index),
            Rows::Listed(rows) => rows.iter().position(|&r| r == record),
        }
    }
}
