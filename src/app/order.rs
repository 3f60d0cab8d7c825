//! A list's order (`o` cycles it, per pane): the dataset's, by name, most quoted (or most
//! linked, for quotes), by episode, by date where the kind has one. Sorting is stable, so
//! ties keep the dataset's order; it runs when the order changes, never while drawing.

use std::cmp::Reverse;

use super::rows::Rows;
use crate::data::{Dataset, Kind, RecordRef};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Dataset,
    Name,
    /// Most quotes first (a quote: most links first).
    Most,
    Episode,
    Date,
}

impl Order {
    pub const ALL: [Order; 5] = [Order::Dataset, Order::Name, Order::Most, Order::Episode, Order::Date];

    /// The name `:sort` takes.
    pub fn name(self) -> &'static str {
        match self {
            Order::Dataset => "dataset",
            Order::Name => "name",
            Order::Most => "most",
            Order::Episode => "episode",
            Order::Date => "date",
        }
    }

    /// What the list's title says.
    pub fn label(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Order::Dataset, _) => "dataset order",
            (Order::Name, Kind::Quote) => "by speaker",
            (Order::Name, Kind::Episode | Kind::Footage) => "by title",
            (Order::Name, _) => "by name",
            (Order::Most, Kind::Quote) => "most linked",
            (Order::Most, _) => "most quoted",
            (Order::Episode, _) => "by episode",
            (Order::Date, _) => "by date",
        }
    }

    /// The orders a kind's list cycles through, the dataset's first.
    pub fn cycle(kind: Kind) -> &'static [Order] {
        use Order::*;
        match kind {
            Kind::Episode => &[Dataset, Name, Most, Date],
            Kind::Theme | Kind::Person | Kind::Footage | Kind::Quote => &[Dataset, Name, Most, Episode],
            _ => &[Dataset],
        }
    }

    /// The order after this one for `kind`.
    pub fn next(self, kind: Kind) -> Order {
        let cycle = Order::cycle(kind);
        let at = cycle.iter().position(|&o| o == self).unwrap_or(0);
        cycle[(at + 1) % cycle.len()]
    }

    /// The rows of `kind` in this order.
    pub fn rows(self, data: &Dataset, kind: Kind) -> Rows {
        if self == Order::Dataset {
            return Rows::All(kind);
        }
        let mut rows: Vec<RecordRef> = data.records(kind).collect();
        match self {
            Order::Dataset => {}
            Order::Name => {
                let key = |r: RecordRef| match kind {
                    Kind::Quote => data.speaker_name(&data.quotes[r.index]).to_lowercase(),
                    _ => data.label(r).to_lowercase(),
                };
                let keys: Vec<String> = rows.iter().map(|&r| key(r)).collect();
                rows.sort_by(|a, b| keys[a.index].cmp(&keys[b.index]));
            }
            Order::Most => {
                let want = if kind == Kind::Quote { None } else { Some(Kind::Quote) };
                let counts: Vec<usize> = rows
                    .iter()
                    .map(|&r| {
                        data.link_groups(r)
                            .iter()
                            .filter(|g| want.is_none_or(|k| g.kind == k))
                            .map(|g| g.items.len())
                            .sum()
                    })
                    .collect();
                rows.sort_by_key(|r| Reverse(counts[r.index]));
            }
            Order::Episode => {
                let numbers: Vec<u16> = rows.iter().map(|&r| first_episode(data, r)).collect();
                rows.sort_by_key(|r| numbers[r.index]);
            }
            Order::Date => {
                // Only episodes have a date among the record panes; undated ones go last.
                rows.sort_by(|a, b| {
                    let date = |r: &RecordRef| data.episodes[r.index].air_date.as_deref().unwrap_or("~");
                    date(a).cmp(date(b))
                });
            }
        }
        Rows::Listed(rows.into())
    }
}

/// The number of the first part a record is in (`u16::MAX` when none is known).
fn first_episode(data: &Dataset, r: RecordRef) -> u16 {
    let number = |id: &str| data.find(Kind::Episode, id).map(|e| u16::from(data.episodes[e.index].number));
    let ids: Vec<&str> = match r.kind {
        Kind::Theme => data.themes[r.index].episodes.iter().map(|e| e.as_str()).collect(),
        Kind::Person => data.people[r.index].episodes.iter().map(|e| e.as_str()).collect(),
        Kind::Footage => data.footage[r.index].episode.iter().map(|e| e.as_str()).collect(),
        Kind::Quote => data.quotes[r.index].episode.iter().map(|e| e.as_str()).collect(),
        _ => Vec::new(),
    };
    ids.into_iter().filter_map(number).min().unwrap_or(u16::MAX)
}
