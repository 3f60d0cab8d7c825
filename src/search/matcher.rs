//! Matching one term against one field, and the cheap pre-check that runs first.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{Mode, Term};

/// Score credited per character of an exact, prefix or suffix match — about what the fuzzy
/// matcher gives a run of consecutive characters, so modes rank comparably.
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

    /// Score of `term` in a field, or `None` when it does not match. `text` is the field,
    /// `folded` its lower-cased copy.
    pub fn score(&self, term: &Term, text: &str, folded: &str) -> Option<i64> {
        let (hay, needle) =
            if term.case_sensitive { (text, term.text.as_str()) } else { (folded, term.folded.as_str()) };
        let chars = needle.chars().count() as i64;
        match term.mode {
            Mode::Fuzzy => {
                let score = self.for_term(term).fuzzy_match(text, &term.text)?;
                (score >= min_fuzzy_score(chars)).then_some(score)
            }
            Mode::Exact => hay.find(needle).map(|at| exact_score(chars, at == 0 || boundary_before(hay, at))),
            Mode::Prefix => hay.starts_with(needle).then(|| exact_score(chars, true)),
            Mode::Suffix => hay.ends_with(needle).then(|| exact_score(chars, false)),
            Mode::Whole => (hay == needle).then(|| exact_score(chars, true) * 2),
        }
    }

    /// Character positions (in `text`) that matched, for highlighting.
    pub fn positions(&self, term: &Term, text: &str, folded: &str) -> Vec<usize> {
        match term.mode {
            Mode::Fuzzy => self.for_term(term).fuzzy_indices(text, &term.text).map(|(_, p)| p).unwrap_or_default(),
            _ => {
                let (hay, needle) =
                    if term.case_sensitive { (text, term.text.as_str()) } else { (folded, term.folded.as_str()) };
                let at = match term.mode {
                    Mode::Prefix | Mode::Whole => hay.starts_with(needle).then_some(0),
                    Mode::Suffix => hay.ends_with(needle).then(|| hay.len() - needle.len()),
                    _ => hay.find(needle),
                };
                // Folding can change byte lengths (rarely), so count chars, not bytes.
                match at {
                    Some(at) if hay.is_char_boundary(at) => {
                        let first = hay[..at].chars().count();
                        (first..first + needle.chars().count()).collect()
                    }
                    _ => Vec::new(),
                }
            }
        }
    }
}

fn exact_score(chars: i64, at_boundary: bool) -> i64 {
    chars * EXACT_CHAR_SCORE + if at_boundary { 8 } else { 0 }
}

fn boundary_before(hay: &str, at: usize) -> bool {
    hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// The "too fuzzy" guard: letters scattered far apart score low; below this a fuzzy
/// match is dropped. Short queries are allowed anything (they are typed on the way to a
/// longer one).
/// Measured on the bundled data: a run of consecutive letters scores 16–24 per letter, a
/// one-letter typo about 15, letters scattered across a sentence 8–13.
pub fn min_fuzzy_score(chars: i64) -> i64 {
    if chars <= 2 { 0 } else { chars * 14 }
}

/// Could `term` match somewhere in `folded`? Exact for the plain modes; for fuzzy terms,
/// a subsequence test of the lower-cased letters (a superset of real matches, so it
/// never hides one).
pub fn may_match(term: &Term, folded: &str) -> bool {
    match term.mode {
        Mode::Fuzzy => {
            let mut rest = folded;
            for c in term.folded.chars() {
                match rest.find(c) {
                    Some(at) => rest = &rest[at + c.len_utf8()..],
                    None => return false,
                }
            }
            true
        }
        _ => folded.contains(term.folded.as_str()),
    }
}
