//! The link graph: which records refer to which, in both directions.
//!
//! Every reference the schema declares ([`super::schema`]: a quote's speaker, a theme's
//! episodes, an event's people, any `sources` list, a note's sources too) is an edge. Links are shown both ways — a person lists the quotes
//! whose speaker they are, a source lists what cites it — so the graph is kept undirected
//! in compressed (CSR) form: one offsets array and one flat neighbour array. Built lazily
//! on first use, because the command line's `list` and `search` never need it.

use super::{Dataset, Kind, RecordRef, U32s, schema};

/// Linked records of one kind, as shown under a heading in a detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkGroup {
    pub kind: Kind,
    /// Heading from the viewpoint of the record shown ("Speaker", "Quotes", "Cited by").
    pub label: String,
    pub items: Vec<RecordRef>,
}

#[derive(Debug)]
pub(super) struct LinkGraph<'a> {
    /// Global index of the first record of each kind (records are numbered kind by kind).
    base: [u32; Kind::ALL.len()],
    /// `neighbours[offsets[g]..offsets[g + 1]]` are record g's links, by global index:
    /// sorted, so kind by kind in `Kind::ALL` order and in file order within a kind.
    /// Built in memory, or read in place from a snapshot (every read is bounds-checked).
    offsets: U32s<'a>,
    neighbours: U32s<'a>,
}

impl<'a> LinkGraph<'a> {
    /// The graph as [`write_to`](Self::write_to) stored it, read in place.
    pub(super) fn stored(data: &Dataset, bytes: &'a [u8]) -> Self {
        let mut base = [0u32; Kind::ALL.len()];
        let mut total = 0u32;
        for kind in Kind::ALL {
            base[kind as usize] = total;
            total += data.count(kind) as u32;
        }
        let offsets_len = (total as usize + 1) * 4;
        let (offsets, neighbours) = bytes.split_at(offsets_len.min(bytes.len()));
        Self { base, offsets: U32s::Stored(offsets), neighbours: U32s::Stored(neighbours) }
    }

    /// The offsets, then the neighbours, as little-endian `u32`s.
    pub(super) fn write_to(&self, out: &mut Vec<u8>) {
        self.offsets.write_to(out);
        self.neighbours.write_to(out);
    }

    /// Resolve every reference once, then lay the links out with a counting sort: count
    /// each record's links, give each record its slice, fill the slices. At 1M records
    /// (≈ 4M references) that replaced sorting 8M 24-byte edges, which kept the browser's
    /// first frame waiting ≈ 0.7 s.
    pub(super) fn build(data: &Dataset) -> LinkGraph<'static> {
        let mut base = [0u32; Kind::ALL.len()];
        let mut total = 0u32;
        for kind in Kind::ALL {
            base[kind as usize] = total;
            total += data.count(kind) as u32;
        }
        let global = |r: RecordRef| base[r.kind as usize] + r.index as u32;

        let mut edges: Vec<(u32, u32)> = Vec::new();
        for kind in Kind::ALL {
            for from in data.records(kind) {
                for_each_reference(data, from, |to| {
                    if to != from {
                        edges.push((global(from), global(to)));
                    }
                });
            }
        }

        // Links are shown both ways: each edge is in both records' lists.
        let mut offsets = vec![0u32; total as usize + 1];
        for &(a, b) in &edges {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for i in 0..total as usize {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut neighbours = vec![0u32; edges.len() * 2];
        for &(a, b) in &edges {
            for (from, to) in [(a, b), (b, a)] {
                let at = &mut next[from as usize];
                neighbours[*at as usize] = to;
                *at += 1;
            }
        }
        drop(edges);

        // Sort each list and drop repeats (a quote naming one source in `source` and in
        // `sources`), moving the lists left over the gaps: a list is never written past
        // where it is read.
        let mut write = 0usize;
        let mut start = 0usize;
        for node in 0..total as usize {
            let end = offsets[node + 1] as usize;
            neighbours[start..end].sort_unstable();
            let mut previous = None;
            for read in start..end {
                let to = neighbours[read];
                if previous != Some(to) {
                    neighbours[write] = to;
                    write += 1;
                    previous = Some(to);
                }
            }
            start = end;
            offsets[node + 1] = write as u32;
        }
        neighbours.truncate(write);
        neighbours.shrink_to_fit();
        LinkGraph { base, offsets: U32s::Owned(offsets), neighbours: U32s::Owned(neighbours) }
    }

    /// The record with global index `g`: of the last kind whose records start at or before it.
    fn record(&self, g: u32) -> RecordRef {
        let kind = Kind::ALL.iter().rev().copied().find(|&k| self.base[k as usize] <= g).unwrap_or(Kind::Episode);
        RecordRef::new(kind, (g - self.base[kind as usize]) as usize)
    }

    fn neighbours(&self, r: RecordRef) -> impl Iterator<Item = RecordRef> + '_ {
        let at = (self.base[r.kind as usize] + r.index as u32) as usize;
        let start = self.offsets.get(at).unwrap_or(0) as usize;
        let end = self.offsets.get(at + 1).unwrap_or(0) as usize;
        (start..end.max(start)).map_while(|i| self.neighbours.get(i)).map(|g| self.record(g))
    }

    pub(super) fn groups(&self, r: RecordRef) -> Vec<LinkGroup> {
        group_order(r.kind)
            .iter()
            .filter_map(|&kind| {
                let items: Vec<RecordRef> = self.neighbours(r).filter(|n| n.kind == kind).collect();
                (!items.is_empty()).then(|| LinkGroup { kind, label: group_label(r.kind, kind, items.len()), items })
            })
            .collect()
    }
}

/// Which kinds a detail view lists, in reading order.
fn group_order(from: Kind) -> &'static [Kind] {
    use Kind::*;
    match from {
        Quote => &[Person, Episode, Theme, Footage, Quote, Event, Source, Series],
        Person => &[Quote, Event, Footage, Episode, Theme, Person, Source, Series],
        Theme => &[Quote, Event, Person, Episode, Footage, Theme, Source, Series],
        Episode => &[Event, Person, Theme, Footage, Quote, Episode, Source, Series],
        Footage => &[Person, Episode, Quote, Theme, Footage, Event, Source, Series],
        Source => &[Quote, Event, Person, Footage, Episode, Theme, Source, Series],
        Event => &[Episode, Series, Person, Theme, Event, Quote, Footage, Source],
        Series => &[Person, Event, Episode, Theme, Quote, Footage, Source],
    }
}

fn group_label(from: Kind, to: Kind, count: usize) -> String {
    match (from, to) {
        (Kind::Quote, Kind::Person) if count == 1 => "Speaker".into(),
        (Kind::Quote | Kind::Footage | Kind::Event, Kind::Episode) if count == 1 => "Episode".into(),
        (Kind::Event, Kind::Series) => "Unplaced in the series".into(),
        (Kind::Source, _) => format!("Cited by {}", to.plural().to_lowercase()),
        (_, Kind::Source) => "Sources".into(),
        _ => to.plural().into(),
    }
}

/// Call `f` with every record `from` refers to (references that do not resolve are skipped;
/// validation has already reported them). The walk is the one validation makes, so every
/// reference checked is a link, and the other way round.
fn for_each_reference(data: &Dataset, from: RecordRef, mut f: impl FnMut(RecordRef)) {
    schema::record_refs(data, from, &mut (), &mut |_: &(), kind, id| {
        if let Some(r) = data.find(kind, id) {
            f(r);
        }
    });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The counting-sort layout gives every record exactly the links a plain set of
    /// (record, linked record) pairs gives, in kind order then file order.
    #[test]
    fn links_equal_every_reference_taken_both_ways() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let mut pairs: BTreeSet<(RecordRef, RecordRef)> = BTreeSet::new();
        for kind in Kind::ALL {
            for from in data.records(kind) {
                for_each_reference(&data, from, |to| {
                    if to != from {
                        pairs.insert((from, to));
                        pairs.insert((to, from));
                    }
                });
            }
        }
        let graph = LinkGraph::build(&data);
        let mut seen = 0;
        for kind in Kind::ALL {
            for r in data.records(kind) {
                let expected: Vec<RecordRef> = pairs
                    .range((r, RecordRef::new(Kind::Episode, 0))..)
                    .take_while(|(from, _)| *from == r)
                    .map(|&(_, to)| to)
                    .collect();
                let actual: Vec<RecordRef> = graph.neighbours(r).collect();
                assert_eq!(actual, expected, "{r:?}");
                seen += actual.len();
            }
        }
        assert_eq!(seen, pairs.len());
        assert!(seen > 1000, "the bundled data has {seen} links");
    }
}
