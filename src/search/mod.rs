//! Fuzzy search over every record: the query language, the index and ranking.
//!
//! `search` is a pure function of the index and a query; the TUI runs it on a worker
//! thread (see `worker`) and the command line calls it directly. Big indexes are split
//! over the machine's cores; a cancel check between blocks lets a newer query stop a
//! stale one within a few milliseconds.

mod build;
mod fold;
mod haystack;
mod index;
mod matcher;
pub mod query;
mod stored;
pub mod worker;

use std::cmp::Reverse;
use std::ops::Range;

pub use index::{Arrays, Field, SearchIndex};
use matcher::{Matchers, may_match};
pub use query::Query;

use crate::data::RecordRef;

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub record: RecordRef,
    /// The sum of the terms' [`Tier`]s first, then the weakest tier, each a multiple of
    /// [`TIER_SCALE`]; then field weight and length within them.
    pub score: i64,
    /// The field that contributed most to the score.
    pub field: Field,
}

/// What a match is evidence of, weakest first. Hits rank by tier before anything else: a
/// whole word beats a word's start, which beats letters inside a word, which beat letters
/// scattered over a field; field weight and length only order hits within a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Fuzzy = 1,
    Substring = 2,
    Prefix = 3,
    Word = 4,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Fuzzy => "fuzzy",
            Tier::Substring => "substring",
            Tier::Prefix => "prefix",
            Tier::Word => "word",
        }
    }
}

/// One tier step in [`Hit::score`]: above any sum of in-tier scores (each is at most
/// ≈ 10⁷ for a 256-char term in a name, and a query has at most 128 terms).
pub const TIER_SCALE: i64 = 1 << 40;
/// Room for the weakest tier under the sum of tiers (at most 128 × 4, so 2⁵² at most).
const TIER_SLOTS: i64 = 8;

impl Hit {
    /// The weakest evidence among the query's positive terms, read back from the score
    /// (kept there so `Hit` stays a plain triple); `None` when only negations matched.
    pub fn tier(&self) -> Option<Tier> {
        match (self.score / TIER_SCALE) % TIER_SLOTS {
            1 => Some(Tier::Fuzzy),
            2 => Some(Tier::Substring),
            3 => Some(Tier::Prefix),
            4 => Some(Tier::Word),
            _ => None,
        }
    }
}

/// Matched character positions in one field's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub field: Field,
    pub text: String,
    /// Char indices into `text`, sorted, without duplicates.
    pub positions: Vec<usize>,
}

/// The cores to split work over. Asked once: std recomputes it on every call (an affinity
/// query and cgroup files on Linux), and the worker scans once per 64k-record block.
fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Records checked between two looks at the cancel flag.
const BLOCK: usize = 4096;
/// Below this many records one thread is faster than two.
const PARALLEL_FROM: usize = 16_384;

impl Arrays<'_> {
    /// Every record matching `query`, best first (ties keep dataset order).
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.search_cancellable(query, &|| false).unwrap_or_default()
    }

    /// As [`search`](Self::search), but gives up (returning `None`) once `cancelled()` says so.
    pub fn search_cancellable(&self, query: &Query, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Hit>> {
        let mut hits = self.scan(0..self.len(), query, cancelled)?;
        rank(&mut hits);
        Some(hits)
    }

    /// Match a range of records, over all cores when it is big.
    pub fn scan(&self, range: Range<usize>, query: &Query, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Hit>> {
        let threads = threads();
        if range.len() < PARALLEL_FROM || threads < 2 {
            return self.scan_one_thread(range, query, cancelled);
        }
        let chunk = range.len().div_ceil(threads);
        let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let start = range.start + t * chunk;
                    let part = start..(start + chunk).min(range.end);
                    scope.spawn(move || self.scan_one_thread(part, query, cancelled))
                })
                .collect();
            handles.into_iter().map(|h| h.join().ok().flatten()).collect()
        });
        let mut hits = Vec::new();
        for part in parts {
            hits.extend(part?);
        }
        Some(hits)
    }

    fn scan_one_thread(
        &self,
        range: Range<usize>,
        query: &Query,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let matchers = Matchers::default();
        let mut hits = Vec::new();
        let mut checked = 0;
        // Kind by kind: a query for one kind skips the others' records whole.
        for (kind, span) in self.spans() {
            let part = span.start.max(range.start)..span.end.min(range.end);
            if part.is_empty() || !query.allows(kind) {
                continue;
            }
            for i in part {
                if checked % BLOCK == 0 && checked > 0 && cancelled() {
                    return None;
                }
                checked += 1;
                if let Some(hit) = self.match_record(&matchers, query, RecordRef::new(kind, i - span.start), i) {
                    hits.push(hit);
                }
            }
        }
        Some(hits)
    }

    /// Does record `record`, number `i` in the index, match `query` (its kind aside)?
    fn match_record(&self, matchers: &Matchers, query: &Query, record: RecordRef, i: usize) -> Option<Hit> {
        let mut total = 0;
        // The groups' tiers add up: three whole words beat two and a scattered "by". The
        // weakest is the hit's tier (see `Hit::tier`).
        let (mut tiers, mut worst): (i64, Option<Tier>) = (0, None);
        let mut best: Option<(Tier, i64, Field)> = None;
        for group in &query.groups {
            let mut group_ok = false;
            let mut group_best: Option<(Tier, i64)> = None;
            for term in &group.0 {
                if term.negated {
                    let present = self.fields_of(i).any(|f| {
                        let target = self.target(&f, term);
                        may_match(term, target) && matchers.present(term, target)
                    });
                    group_ok |= !present;
                    continue;
                }
                for f in self.fields_of(i) {
                    let target = self.target(&f, term);
                    if !may_match(term, target) {
                        continue;
                    }
                    if let Some((t, score)) = matchers.score(term, target) {
                        let weighted = score * f.field.weight() * coverage(self.field_text(&f).len(), term.text.len());
                        group_ok = true;
                        if group_best.is_none_or(|b| (t, weighted) > b) {
                            group_best = Some((t, weighted));
                        }
                        if best.is_none_or(|(bt, bw, _)| (t, weighted) > (bt, bw)) {
                            best = Some((t, weighted, f.field));
                        }
                    }
                }
            }
            if !group_ok {
                return None;
            }
            if let Some((t, weighted)) = group_best {
                total += weighted;
                tiers += t as i64;
                worst = Some(worst.map_or(t, |w| w.min(t)));
            }
        }
        let score = (tiers * TIER_SLOTS + worst.map_or(0, |t| t as i64)) * TIER_SCALE + total;
        let field = best.map_or_else(|| self.fields_of(i).next().map_or(Field::Id, |f| f.field), |(_, _, f)| f);
        Some(Hit { record, score, field })
    }

    /// Where a record matched: positions per field for every positive term (the fields a
    /// result row or detail view may want to highlight).
    pub fn highlights(&self, record: RecordRef, query: &Query) -> Vec<Highlight> {
        let Some(i) = self.position(record) else { return Vec::new() };
        let matchers = Matchers::default();
        let mut out: Vec<Highlight> = Vec::new();
        for f in self.fields_of(i) {
            let mut positions: Vec<usize> = Vec::new();
            for term in query.groups.iter().flat_map(|g| g.0.iter()).filter(|t| !t.negated) {
                let target = self.target(&f, term);
                if may_match(term, target) && matchers.score(term, target).is_some() {
                    positions.extend(matchers.positions(term, target));
                }
            }
            if !positions.is_empty() {
                positions.sort_unstable();
                positions.dedup();
                out.push(Highlight { field: f.field, text: self.field_text(&f).to_string(), positions });
            }
        }
        out
    }
}

/// Does `query` match `text`, taken as one field of a record of any kind? (Facets are not
/// looked at.) For checking the query language against fzf's rules on plain lines, as
/// `fzf --filter` sees them; `tests/fzf_conformance.rs` does.
pub fn matches_text(query: &Query, text: &str) -> bool {
    let record = RecordRef::new(crate::data::Kind::Quote, 0);
    Arrays::of_text(text).match_record(&Matchers::default(), query, record, 0).is_some()
}

/// Coverage factor ×100, in [100, 200): the same match ranks higher in a short field
/// ("Dre" in "Dr. Dre") than in a long one (a headline that mentions Dre). Byte lengths are
/// close enough for this and cost nothing.
fn coverage(field_len: usize, term_len: usize) -> i64 {
    let (field, term) = (field_len as i64, term_len as i64);
    100 * (field + 2 * term) / (field + term).max(1)
}

/// Best first; equal scores keep dataset order (kind, then position in the file).
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by_key(|h| (Reverse(h.score), h.record));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, Kind};

    fn index() -> (Dataset<'static>, SearchIndex<'static>) {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = SearchIndex::build(&data);
        (data, index)
    }

    fn top(data: &Dataset, index: &SearchIndex, q: &str) -> Vec<String> {
        index.search(&Query::parse(q, false)).iter().take(5).map(|h| data.deep_link(h.record)).collect()
    }

    #[test]
    fn names_rank_first() {
        let (data, index) = index();
        assert_eq!(top(&data, &index, "iovine")[0], "person:jimmy-iovine");
        assert_eq!(top(&data, &index, "dre")[0], "person:dr-dre");
        assert_eq!(top(&data, &index, "person: hughes")[..2], ["person:allen-hughes", "person:albert-hughes"]);
    }

    #[test]
    fn a_seed_quote_is_found_by_three_of_its_words() {
        let (data, index) = index();
        assert!(top(&data, &index, "frowns friendship industry").contains(&"quote:q01".to_string()));
        assert_eq!(top(&data, &index, "quote: rollercoaster journey survive")[0], "quote:q05");
    }

    #[test]
    fn operators_filter() {
        let (data, index) = index();
        let all = |q: &str| index.search(&Query::parse(q, false));
        assert!(
            all("'levitator")
                .iter()
                .all(|h| !index.highlights(h.record, &Query::parse("'levitator", false)).is_empty())
        );
        assert!(all("^part episode:").iter().all(|h| h.record.kind == Kind::Episode));
        assert_eq!(all("^part episode:").len(), 4);
        assert!(all("quote: !hughes").iter().all(|h| data.quotes[h.record.index].speaker.as_str() != "allen-hughes"));
        let either = all("person: ^eminem$ | ^bono$");
        assert_eq!(either.len(), 2);
        assert!(all("zqxjzqxj").is_empty());
        assert!(all("person: 1$").is_empty() || all("person: 1$").iter().all(|h| h.record.kind == Kind::Person));
    }

    #[test]
    fn too_fuzzy_matches_are_dropped_and_exact_mode_is_stricter() {
        let (_, index) = index();
        let fuzzy = index.search(&Query::parse("drdre", false)).len();
        let exact = index.search(&Query::parse("drdre", true)).len();
        assert!(exact <= fuzzy);
        assert!(
            index.search(&Query::parse("ieaoue", false)).len() < 20,
            "scattered vowels should not match everything"
        );
    }
}
