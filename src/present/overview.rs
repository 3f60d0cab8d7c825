//! The Overview's two charts, counted from the data once at start: who speaks (quotes per
//! speaker, the ten most quoted) and what each part covers (events, people and quotes per
//! episode). Nothing here is written by hand; a dataset with other people or parts draws
//! other bars.

use crate::data::{Dataset, Kind, RecordRef};

/// How many speakers the "who speaks" chart shows.
pub const TOP_SPEAKERS: usize = 10;

/// One part's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub episode: RecordRef,
    pub events: usize,
    pub people: usize,
    pub quotes: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Charts {
    /// The most quoted people, most first (ties in file order), with their quote counts.
    pub speakers: Vec<(RecordRef, usize)>,
    pub parts: Vec<Coverage>,
}

impl Charts {
    pub fn build(data: &Dataset) -> Self {
        let mut quotes_by = vec![0usize; data.count(Kind::Person)];
        let mut quotes_in = vec![0usize; data.count(Kind::Episode)];
        for q in &data.quotes {
            if let Some(p) = data.find(Kind::Person, q.speaker.as_str()) {
                quotes_by[p.index] += 1;
            }
            if let Some(e) = q.episode.as_ref().and_then(|e| data.find(Kind::Episode, e.as_str())) {
                quotes_in[e.index] += 1;
            }
        }
        let mut speakers: Vec<(RecordRef, usize)> = quotes_by
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(i, &n)| (RecordRef::new(Kind::Person, i), n))
            .collect();
        // Stable: equal counts keep the file's order.
        speakers.sort_by_key(|s| std::cmp::Reverse(s.1));
        speakers.truncate(TOP_SPEAKERS);
        let parts = data
            .records(Kind::Episode)
            .map(|episode| Coverage {
                episode,
                events: data.events_of(episode).count(),
                people: data
                    .link_groups(episode)
                    .iter()
                    .filter(|g| g.kind == Kind::Person)
                    .map(|g| g.items.len())
                    .sum(),
                quotes: quotes_in[episode.index],
            })
            .collect();
        Self { speakers, parts }
    }

    /// The largest count of the parts chart, so its bars share one scale.
    pub fn parts_max(&self) -> usize {
        self.parts.iter().map(|p| p.events.max(p.people).max(p.quotes)).max().unwrap_or(0)
    }

    /// The speakers chart as text lines (`label  value`), for `show series` and tests.
    pub fn speaker_lines(&self, data: &Dataset) -> Vec<String> {
        self.speakers.iter().map(|&(p, n)| format!("{}  {n}", data.label(p))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_from_the_data() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let charts = Charts::build(&data);
        assert_eq!(charts.speakers.len(), TOP_SPEAKERS);
        let total: usize = data.quotes.iter().filter(|q| q.speaker.as_str() == data.id(charts.speakers[0].0)).count();
        assert_eq!(charts.speakers[0].1, total);
        assert!(charts.speakers.windows(2).all(|w| w[0].1 >= w[1].1));
        assert_eq!(charts.parts.len(), 4);
        assert_eq!(charts.parts.iter().map(|p| p.events).sum::<usize>(), 45);
    }
}
