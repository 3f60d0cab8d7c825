//! The link graph: which records refer to which, in both directions.
//!
//! Every reference in the data (a quote's speaker, a theme's episodes, an event's people,
//! any `sources` list) is an edge. Links are shown both ways — a person lists the quotes
//! whose speaker they are, a source lists what cites it — so the graph is kept undirected
//! in compressed (CSR) form: one offsets array and one flat neighbour array. Built lazily
//! on first use, because the command line's `list` and `search` never need it.

use super::{Dataset, Kind, RecordRef};

/// Linked records of one kind, as shown under a heading in a detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkGroup {
    pub kind: Kind,
    /// Heading from the viewpoint of the record shown ("Speaker", "Quotes", "Cited by").
    pub label: String,
    pub items: Vec<RecordRef>,
}

#[derive(Debug)]
pub(super) struct LinkGraph {
    /// Global index of the first record of each kind.
    base: [usize; Kind::ALL.len()],
    offsets: Vec<u32>,
    neighbours: Vec<(Kind, u32)>,
}

impl LinkGraph {
    pub(super) fn build(data: &Dataset) -> Self {
        let mut base = [0; Kind::ALL.len()];
        let mut total = 0;
        for kind in Kind::ALL {
            base[kind as usize] = total;
            total += data.count(kind);
        }
        let global = |r: RecordRef| base[r.kind as usize] + r.index;

        let mut edges: Vec<(usize, RecordRef)> = Vec::new();
        for kind in Kind::ALL {
            for from in data.records(kind) {
                for_each_reference(data, from, |to| {
                    if to != from {
                        edges.push((global(from), to));
                        edges.push((global(to), from));
                    }
                });
            }
        }
        edges.sort_unstable();
        edges.dedup();

        let mut offsets = vec![0u32; total + 1];
        for &(from, _) in &edges {
            offsets[from + 1] += 1;
        }
        for i in 0..total {
            offsets[i + 1] += offsets[i];
        }
        let neighbours = edges.into_iter().map(|(_, to)| (to.kind, to.index as u32)).collect();
        Self { base, offsets, neighbours }
    }

    fn neighbours(&self, r: RecordRef) -> impl Iterator<Item = RecordRef> + '_ {
        let at = self.base[r.kind as usize] + r.index;
        let (start, end) = (self.offsets[at] as usize, self.offsets[at + 1] as usize);
        self.neighbours[start..end].iter().map(|&(kind, index)| RecordRef::new(kind, index as usize))
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
        Quote => &[Person, Episode, Theme, Footage, Quote, Source],
        Person => &[Quote, Footage, Episode, Theme, Person, Source],
        Theme => &[Quote, Person, Episode, Footage, Theme, Source],
        Episode => &[Person, Theme, Footage, Quote, Episode, Source],
        Footage => &[Person, Episode, Quote, Theme, Footage, Source],
        Source => &[Quote, Person, Footage, Episode, Theme, Source],
    }
}

fn group_label(from: Kind, to: Kind, count: usize) -> String {
    match (from, to) {
        (Kind::Quote, Kind::Person) if count == 1 => "Speaker".into(),
        (Kind::Quote | Kind::Footage, Kind::Episode) if count == 1 => "Episode".into(),
        (Kind::Source, _) => format!("Cited by {}", to.plural().to_lowercase()),
        (_, Kind::Source) => "Sources".into(),
        _ => to.plural().into(),
    }
}

/// Call `f` with every record `from` refers to (references that do not resolve are skipped;
/// validation has already reported them).
fn for_each_reference(data: &Dataset, from: RecordRef, mut f: impl FnMut(RecordRef)) {
    let mut to = |kind: Kind, id: &str| {
        if let Some(r) = data.find(kind, id) {
            f(r);
        }
    };
    match from.kind {
        Kind::Episode => {
            let episode = &data.episodes[from.index];
            episode.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
            for event in &episode.events {
                event.people.iter().for_each(|p| to(Kind::Person, p.as_str()));
                event.themes.iter().for_each(|t| to(Kind::Theme, t.as_str()));
                event.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
            }
        }
        Kind::Theme => {
            let theme = &data.themes[from.index];
            theme.episodes.iter().for_each(|e| to(Kind::Episode, e.as_str()));
            theme.people.iter().for_each(|p| to(Kind::Person, p.as_str()));
            theme.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
        }
        Kind::Person => {
            let person = &data.people[from.index];
            person.episodes.iter().for_each(|e| to(Kind::Episode, e.as_str()));
            person.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
        }
        Kind::Footage => {
            let footage = &data.footage[from.index];
            footage.people.iter().for_each(|p| to(Kind::Person, p.as_str()));
            footage.episode.iter().for_each(|e| to(Kind::Episode, e.as_str()));
            footage.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
        }
        Kind::Quote => {
            let quote = &data.quotes[from.index];
            to(Kind::Person, quote.speaker.as_str());
            quote.episode.iter().for_each(|e| to(Kind::Episode, e.as_str()));
            quote.themes.iter().for_each(|t| to(Kind::Theme, t.as_str()));
            to(Kind::Source, quote.source.as_str());
            quote.sources.iter().for_each(|s| to(Kind::Source, s.as_str()));
            quote.variants.iter().for_each(|v| to(Kind::Source, v.source.as_str()));
        }
        Kind::Source => {}
    }
}
