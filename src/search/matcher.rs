//! Matching one term against one field, and the cheap pre-check that runs first.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::haystack::Haystack;
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
    /// `hay` what its lower-cased comparisons run on.
    pub fn score(&self, term: &Term, text: &str, hay: Haystack<'_>) -> Option<i64> {
        let (hay, needle) = hay_and_needle(term, text, hay);
        let chars = needle.chars().count() as i64;
        match term.mode {
            Mode::Fuzzy => {
                let text = skip_before_first_match(text, &term.text, term.case_sensitive)?;
                let score = self.for_term(term).fuzzy_match(text, &term.text)?;
                (score >= min_fuzzy_score(chars)).then_some(score)
            }
            Mode::Exact => hay.find(needle).map(|at| exact_score(chars, at == 0 || boundary_before(hay.as_str(), at))),
            Mode::Prefix => hay.starts_with(needle).then(|| exact_score(chars, true)),
            Mode::Suffix => hay.ends_with(needle).then(|| exact_score(chars, false)),
            Mode::Whole => hay.equals(needle).then(|| exact_score(chars, true) * 2),
        }
    }

    /// Character positions (in `text`) that matched, for highlighting.
    pub fn positions(&self, term: &Term, text: &str, hay: Haystack<'_>) -> Vec<usize> {
        match term.mode {
            Mode::Fuzzy => self.for_term(term).fuzzy_indices(text, &term.text).map(|(_, p)| p).unwrap_or_default(),
            _ => {
                let (hay, needle) = hay_and_needle(term, text, hay);
                let at = match term.mode {
                    Mode::Prefix | Mode::Whole => hay.starts_with(needle).then_some(0),
                    Mode::Suffix => hay.ends_with(needle).then(|| hay.as_str().len() - needle.len()),
                    _ => hay.find(needle),
                };
                let hay = hay.as_str();
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

/// What a plain (non-fuzzy) term compares: a case-sensitive term looks for itself in the
/// text as it is; any other looks for its lower-cased form in the lower-cased haystack.
fn hay_and_needle<'t>(term: &'t Term, text: &'t str, hay: Haystack<'t>) -> (Haystack<'t>, &'t str) {
    if term.case_sensitive { (Haystack::AsIs(text), &term.text) } else { (hay, &term.folded) }
}

/// `text` from the character before the first possible match of the pattern's first
/// character on, or `None` when that character does not occur (then there is no match).
///
/// SkimMatcherV2 converts the whole text to chars and classifies every char for its
/// bonuses before scoring, but a match cannot start before the first occurrence of the
/// pattern's first char, and the score only uses the bonuses of matched chars, each of
/// which depends on that char and the one before it. So the text may start one char
/// before that occurrence: the score is the same (the first char's bonus multiplier
/// applies to the kept char before it, which never matches). This skips ≈20 % of a quote's
/// chars for `de` and most of them for rarer first letters; `a_trimmed_text_scores_the_same`
/// checks the equality. Only scores use it: highlight positions index the whole text.
fn skip_before_first_match<'a>(text: &'a str, pattern: &str, case_sensitive: bool) -> Option<&'a str> {
    let first = pattern.chars().next()?;
    // fuzzy-matcher's own comparison (`char_equal`): exact, or ASCII-case-insensitive.
    let same = |c: char| if case_sensitive { c == first } else { c.eq_ignore_ascii_case(&first) };
    let mut previous: Option<usize> = None;
    for (chars_before, (at, c)) in text.char_indices().enumerate() {
        if same(c) {
            // At char 0 or 1 there is nothing to skip (and char 0 carries the multiplier).
            return Some(match previous {
                Some(start) if chars_before >= 2 => &text[start..],
                _ => text,
            });
        }
        previous = Some(at);
    }
    None
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

/// Could `term` match somewhere in `hay`? Exact for the plain modes; for fuzzy terms, a
/// subsequence test of the lower-cased letters (a superset of real matches, so it never
/// hides one).
pub fn may_match(term: &Term, hay: Haystack<'_>) -> bool {
    match term.mode {
        Mode::Fuzzy => hay.has_subsequence(&term.folded),
        _ => hay.find(&term.folded).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, Kind};

    #[test]
    fn a_trimmed_text_scores_the_same() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let mut texts: Vec<String> =
            Kind::ALL.iter().flat_map(|&k| data.records(k)).map(|r| data.label(r).into_owned()).collect();
        texts.extend(["dde", "xde", "xxde", "Ede", "éde", "éédé", "a-De", "_de", "ÉÉe"].map(String::from));
        let matchers = [SkimMatcherV2::default().ignore_case(), SkimMatcherV2::default().respect_case()];
        let patterns = ["de", "dre", "Dre", "d", "e", "iov", "wsdm", "kindness", "é", "Éé", "hughes", "a b", "-", "ee"];
        for (case_sensitive, matcher) in [false, true].into_iter().zip(&matchers) {
            for text in &texts {
                for pattern in patterns {
                    let whole = matcher.fuzzy_match(text, pattern);
                    let trimmed = skip_before_first_match(text, pattern, case_sensitive)
                        .and_then(|t| matcher.fuzzy_match(t, pattern));
                    assert_eq!(trimmed, whole, "{pattern:?} in {text:?} (case sensitive: {case_sensitive})");
                }
            }
        }
    }
}
