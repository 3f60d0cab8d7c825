//! Matching one term against one field, and the cheap pre-check that runs first.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Tier;
use super::haystack::{Haystack, Target};
use super::query::{Mode, Term};

/// Score credited per character of a contiguous match — about what the fuzzy matcher gives
/// a run of consecutive characters (tiers are ranked apart; this orders hits within one).
const EXACT_CHAR_SCORE: i64 = 20;

/// The fuzzy matchers: one ignores case, one respects it (smart case picks per term).
pub struct Matchers {
    ignore_case: SkimMatcherV2,
    respect_case: SkimMatcherV2,
}

impl Default for Matchers {
    fn default() -> Self {
        Self {
            ignore_case: SkimMatcherV2::default().ignore_case(),
            respect_case: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl Matchers {
    fn for_term(&self, term: &Term) -> &SkimMatcherV2 {
        if term.case_sensitive { &self.respect_case } else { &self.ignore_case }
    }

    /// The evidence for `term` in one field and its score within that tier, or `None` when
    /// it does not match. A fuzzy term that occurs contiguously is scored as the exact
    /// occurrence it is (cheaper than the fuzzy matcher, and a better highlight).
    pub fn score(&self, term: &Term, t: Target<'_>) -> Option<(Tier, i64)> {
        let chars = t.needle.chars().count() as i64;
        match term.mode {
            Mode::Fuzzy => {
                if let Some((tier, _)) = best_occurrence(t.hay, t.needle) {
                    return Some((tier, exact_score(chars, tier)));
                }
                let text = trim_for_score(t.fuzzy, t.pattern, term.case_sensitive)?;
                let score = self.for_term(term).fuzzy_match(text, t.pattern)?;
                (score >= min_fuzzy_score(chars)).then_some((Tier::Fuzzy, score))
            }
            Mode::Exact => best_occurrence(t.hay, t.needle).map(|(tier, _)| (tier, exact_score(chars, tier))),
            Mode::Whole => anchored(term.mode, t.hay, t.needle).map(|(tier, _)| (tier, exact_score(chars, tier) * 2)),
            Mode::Prefix | Mode::Suffix => {
                anchored(term.mode, t.hay, t.needle).map(|(tier, _)| (tier, exact_score(chars, tier)))
            }
        }
    }

    /// Is `term` in the field at all? What a negated term asks. As in fzf, an inverse fuzzy
    /// term (`!'x`) leaves out any record its letters occur in, in order: the "too fuzzy"
    /// guard only decides what a positive term may rank, not what a negation leaves out.
    pub fn present(&self, term: &Term, t: Target<'_>) -> bool {
        match term.mode {
            Mode::Fuzzy => t.hay.has_subsequence(t.needle),
            _ => self.score(term, t).is_some(),
        }
    }

    /// Character positions (in the field's text) that matched, for highlighting.
    pub fn positions(&self, term: &Term, t: Target<'_>) -> Vec<usize> {
        let found = match term.mode {
            Mode::Fuzzy | Mode::Exact => best_occurrence(t.hay, t.needle).map(|(_, at)| at),
            _ => anchored(term.mode, t.hay, t.needle).map(|(_, at)| at),
        };
        let hay = t.hay.as_str();
        match found {
            // The copies are char-aligned with the field, so char counts are positions in it.
            Some(at) => {
                let first = hay[..at].chars().count();
                (first..first + t.needle.chars().count()).collect()
            }
            None if term.mode == Mode::Fuzzy => {
                self.for_term(term).fuzzy_indices(t.fuzzy, t.pattern).map(|(_, p)| p).unwrap_or_default()
            }
            None => Vec::new(),
        }
    }
}

/// The best occurrence of `needle` in `hay` (a whole word, else a word's start, else any),
/// as its tier and byte offset.
fn best_occurrence(hay: Haystack<'_>, needle: &str) -> Option<(Tier, usize)> {
    let text = hay.as_str();
    let mut best: Option<(Tier, usize)> = None;
    let mut from = 0;
    while from <= text.len() {
        let Some(found) = hay.slice(from..text.len()).find(needle) else { break };
        let at = from + found;
        let tier = tier_at(text, at, needle);
        if best.is_none_or(|(b, _)| tier > b) {
            best = Some((tier, at));
            if tier == Tier::Word {
                break;
            }
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    best
}

/// A prefix (`^`), suffix (`$`) or whole-field (`^…$`) match, as its tier and byte offset.
/// As fzf does, leading (for `^`) and trailing (for `$`) white space of the field is
/// skipped unless the needle itself starts or ends with white space.
fn anchored(mode: Mode, hay: Haystack<'_>, needle: &str) -> Option<(Tier, usize)> {
    let text = hay.as_str();
    let start = if mode == Mode::Suffix || needle.starts_with(char::is_whitespace) {
        0
    } else {
        text.len() - text.trim_start().len()
    };
    let end =
        if mode == Mode::Prefix || needle.ends_with(char::is_whitespace) { text.len() } else { text.trim_end().len() };
    let inner = hay.slice(start..end.max(start));
    let at = match mode {
        Mode::Prefix => inner.starts_with(needle).then_some(start),
        Mode::Suffix => inner.ends_with(needle).then(|| end - needle.len()),
        _ => inner.equals(needle).then_some(start),
    }?;
    Some((if mode == Mode::Whole { Tier::Word } else { tier_at(text, at, needle) }, at))
}

/// How much an occurrence at `at` says: a whole word, a word's start, or inside a word. An
/// edge of the needle that is not a letter or digit (`'90s`, `dr.`) is a boundary itself.
fn tier_at(text: &str, at: usize, needle: &str) -> Tier {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let before = edge(text[..at].chars().next_back()) || edge(needle.chars().next());
    let after =
        edge(text.get(at + needle.len()..).and_then(|rest| rest.chars().next())) || edge(needle.chars().next_back());
    match (before, after) {
        (true, true) => Tier::Word,
        (true, false) => Tier::Prefix,
        _ => Tier::Substring,
    }
}

/// `text` from the character before the first possible match of the pattern's first
/// character to the last possible match of its last character, or `None` when either does
/// not occur (then there is no match).
///
/// SkimMatcherV2 converts the whole text to chars and classifies every char for its
/// bonuses before scoring, then fills one row per pattern char from that char's first
/// occurrence to the end of the text. But a match cannot start before the first
/// occurrence of the pattern's first char, and the score only uses the bonuses of matched
/// chars, each of which depends on that char and the one before it. So the text may start
/// one char before that occurrence: the score is the same (the first char's bonus
/// multiplier applies to the kept char before it, which never matches). Nor can a match
/// end after the last occurrence of the last char: the score is the best cell of the last
/// row, and a cell there is only ever a match of the last char, computed from cells to
/// its left and above; so what follows that occurrence changes no cell the score is taken
/// from. Together this skips ≈20 % of a quote's chars for `de`, more for `wsdm`, and most
/// of them for rarer letters; `a_trimmed_text_scores_the_same` checks the equality (and a
/// property test on any text). Only scores use it: highlight positions index the whole text.
fn trim_for_score<'a>(text: &'a str, pattern: &str, case_sensitive: bool) -> Option<&'a str> {
    let (first, last) = (pattern.chars().next()?, pattern.chars().next_back()?);
    // fuzzy-matcher's own comparison (`char_equal`): exact, or ASCII-case-insensitive.
    let same = |c: char, p: char| if case_sensitive { c == p } else { c.eq_ignore_ascii_case(&p) };
    let mut previous: Option<usize> = None;
    let mut start = None;
    for (chars_before, (at, c)) in text.char_indices().enumerate() {
        if same(c, first) {
            // At char 0 or 1 there is nothing to skip (and char 0 carries the multiplier).
            start = Some(match previous {
                Some(before) if chars_before >= 2 => before,
                _ => 0,
            });
            break;
        }
        previous = Some(at);
    }
    let start = start?;
    let (at, c) = text.char_indices().rev().find(|&(_, c)| same(c, last))?;
    text.get(start..at + c.len_utf8())
}

fn exact_score(chars: i64, tier: Tier) -> i64 {
    chars * EXACT_CHAR_SCORE
        + match tier {
            Tier::Word => 16,
            Tier::Prefix => 8,
            _ => 0,
        }
}

/// The "too fuzzy" guard: letters scattered far apart score low; below this a fuzzy
/// match is dropped. Short queries are allowed anything (they are typed on the way to a
/// longer one).
/// Measured on the bundled data: a run of consecutive letters scores 16–24 per letter, a
/// one-letter typo about 15, letters scattered across a sentence 8–13.
pub fn min_fuzzy_score(chars: i64) -> i64 {
    if chars <= 2 { 0 } else { chars * 14 }
}

/// Could `term` match somewhere in `hay`? Exact for the plain modes; for fuzzy terms, a
/// subsequence test of the lower-cased letters (a superset of real matches, so it never
/// hides one).
#[inline]
pub fn may_match(term: &Term, t: Target<'_>) -> bool {
    match term.mode {
        Mode::Fuzzy => t.hay.has_subsequence(t.needle),
        _ => t.hay.find(t.needle).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, Kind};

    /// A fresh matcher for each score: SkimMatcherV2 reuses its score matrix between
    /// calls without clearing it, and one field of it (a matched cell's bonus) is read
    /// before it is written, so a score can depend on the call before (seen: 58 or 62 for
    /// "ééb" in the same text). Our scan's call order is fixed, so answers are repeatable;
    /// a comparison of two texts must not let one call's leftovers reach the other.
    fn score(case_sensitive: bool, text: &str, pattern: &str) -> Option<i64> {
        let matcher = if case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        };
        matcher.fuzzy_match(text, pattern)
    }

    #[test]
    fn a_trimmed_text_scores_the_same() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let mut texts: Vec<String> =
            Kind::ALL.iter().flat_map(|&k| data.records(k)).map(|r| data.label(r).into_owned()).collect();
        texts.extend(
            ["dde", "xde", "xxde", "Ede", "éde", "éédé", "a-De", "_de", "ÉÉe", "dex", "de e ", "ed"].map(String::from),
        );
        let patterns = ["de", "dre", "Dre", "d", "e", "iov", "wsdm", "kindness", "é", "Éé", "hughes", "a b", "-", "ee"];
        for case_sensitive in [false, true] {
            for text in &texts {
                for pattern in patterns {
                    let whole = score(case_sensitive, text, pattern);
                    let trimmed =
                        trim_for_score(text, pattern, case_sensitive).and_then(|t| score(case_sensitive, t, pattern));
                    assert_eq!(trimmed, whole, "{pattern:?} in {text:?} (case sensitive: {case_sensitive})");
                }
            }
        }
    }

    proptest::proptest! {
        /// The same on any text and pattern, with a small alphabet (cases, separators and a
        /// non-ASCII letter) so matches, repeats and word boundaries happen.
        #[test]
        fn a_trimmed_text_scores_the_same_for_any_text(
            text in "[aAbBcé .-]{0,40}",
            pattern in "[abcAé]{1,4}",
            case_sensitive in proptest::bool::ANY,
        ) {
            let whole = score(case_sensitive, &text, &pattern);
            let trimmed = trim_for_score(&text, &pattern, case_sensitive).and_then(|t| score(case_sensitive, t, &pattern));
            proptest::prop_assert_eq!(trimmed, whole);
        }
    }
}
