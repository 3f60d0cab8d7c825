//! The text that lower-cased comparisons (the pre-check and the exact modes) run on.
//!
//! A non-ASCII field has a lower-cased copy in the index, compared as it is. An ASCII field
//! has none: it is compared ignoring ASCII case, which gives the same answers as comparing
//! its lower-cased copy, since lower-casing ASCII only maps `A`–`Z` to `a`–`z`. Needles are
//! lower-cased already (`Term::folded`), except a case-sensitive term's, which is looked for
//! in the field as it is.

use std::ops::Range;

use memchr::{memchr, memchr2};

/// What one term is compared with in one field (see `SearchIndex::target`).
#[derive(Debug, Clone, Copy)]
pub struct Target<'t> {
    /// What the fuzzy matcher scores: the field's text or a char-aligned copy of it, so its
    /// char positions are the field's.
    pub fuzzy: &'t str,
    /// What the fuzzy matcher looks for in `fuzzy`.
    pub pattern: &'t str,
    /// What the plain modes and the pre-check run on; also char-aligned with the field.
    pub hay: Haystack<'t>,
    /// What they look for in `hay`.
    pub needle: &'t str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Haystack<'t> {
    /// ASCII text, compared ignoring ASCII case.
    Ascii(&'t str),
    /// Text compared as it is: the lower-cased copy of a non-ASCII field, or the field itself
    /// for a case-sensitive term.
    AsIs(&'t str),
}

impl<'t> Haystack<'t> {
    /// The text as stored: the byte offsets returned by [`find`](Self::find) index it.
    pub fn as_str(self) -> &'t str {
        match self {
            Haystack::Ascii(text) | Haystack::AsIs(text) => text,
        }
    }

    /// The same kind of haystack over part of this one's text.
    pub fn slice(self, range: Range<usize>) -> Haystack<'t> {
        match self {
            Haystack::Ascii(text) => Haystack::Ascii(&text[range]),
            Haystack::AsIs(text) => Haystack::AsIs(&text[range]),
        }
    }

    /// Byte offset of the first occurrence of `needle`.
    pub fn find(self, needle: &str) -> Option<usize> {
        match self {
            Haystack::AsIs(hay) => hay.find(needle),
            Haystack::Ascii(text) => find_ignoring_ascii_case(text.as_bytes(), needle.as_bytes()),
        }
    }

    pub fn starts_with(self, needle: &str) -> bool {
        match self {
            Haystack::AsIs(hay) => hay.starts_with(needle),
            Haystack::Ascii(text) => {
                text.as_bytes().get(..needle.len()).is_some_and(|head| head.eq_ignore_ascii_case(needle.as_bytes()))
            }
        }
    }

    pub fn ends_with(self, needle: &str) -> bool {
        match self {
            Haystack::AsIs(hay) => hay.ends_with(needle),
            Haystack::Ascii(text) => text
                .len()
                .checked_sub(needle.len())
                .is_some_and(|from| text.as_bytes()[from..].eq_ignore_ascii_case(needle.as_bytes())),
        }
    }

    pub fn equals(self, needle: &str) -> bool {
        match self {
            Haystack::AsIs(hay) => hay == needle,
            Haystack::Ascii(text) => text.eq_ignore_ascii_case(needle),
        }
    }

    /// Do `needle`'s chars occur in this order (not necessarily together)?
    pub fn has_subsequence(self, needle: &str) -> bool {
        match self {
            Haystack::AsIs(hay) => {
                let mut rest = hay;
                for c in needle.chars() {
                    match rest.find(c) {
                        Some(at) => rest = &rest[at + c.len_utf8()..],
                        None => return false,
                    }
                }
                true
            }
            Haystack::Ascii(text) => {
                let mut rest = text.as_bytes();
                for c in needle.chars() {
                    // A non-ASCII char cannot occur in ASCII text.
                    let Ok(b) = u8::try_from(c) else { return false };
                    if !b.is_ascii() {
                        return false;
                    }
                    match find_byte_ignoring_ascii_case(b, rest) {
                        Some(at) => rest = &rest[at + 1..],
                        None => return false,
                    }
                }
                true
            }
        }
    }
}

/// `b` (lower-case) or its upper-case form, with memchr's vectorised search.
fn find_byte_ignoring_ascii_case(b: u8, hay: &[u8]) -> Option<usize> {
    if b.is_ascii_lowercase() { memchr2(b, b.to_ascii_uppercase(), hay) } else { memchr(b, hay) }
}

fn find_ignoring_ascii_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else { return Some(0) };
    if !needle.is_ascii() || needle.len() > hay.len() {
        return None;
    }
    let last_start = hay.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        let at = from + find_byte_ignoring_ascii_case(first, &hay[from..=last_start])?;
        if hay[at + 1..at + needle.len()].eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On ASCII text, every operation answers as it would on the lower-cased copy.
    #[test]
    fn ascii_comparisons_equal_those_on_a_lower_cased_copy() {
        let texts = ["", "Dr. Dre", "DE de dE De", "Jimmy Iovine", "a", "abcABCabc", "x-y_Z 09!", "KINDNESS kind"];
        let needles =
            ["", "d", "de", "dre", "dr. dre", "e", "abc", "cab", "z", "9!", "kind", "é", "k\u{212a}", "iovine", "xyz"];
        for text in texts {
            let folded = text.to_lowercase();
            let (ascii, copy) = (Haystack::Ascii(text), Haystack::AsIs(&folded));
            for needle in needles {
                let needle = needle.to_lowercase();
                assert_eq!(ascii.find(&needle), copy.find(&needle), "find {needle:?} in {text:?}");
                assert_eq!(ascii.starts_with(&needle), copy.starts_with(&needle), "{needle:?} {text:?}");
                assert_eq!(ascii.ends_with(&needle), copy.ends_with(&needle), "{needle:?} {text:?}");
                assert_eq!(ascii.equals(&needle), copy.equals(&needle), "{needle:?} {text:?}");
                assert_eq!(ascii.has_subsequence(&needle), copy.has_subsequence(&needle), "{needle:?} {text:?}");
            }
        }
    }

    proptest::proptest! {
        /// The same on any ASCII text and needle, with a small alphabet so matches happen.
        #[test]
        fn ascii_comparisons_equal_those_on_a_lower_cased_copy_for_any_text(
            text in "[aAbB .!-]{0,24}",
            needle in "[abAB .!-]{0,5}",
        ) {
            let (folded, needle) = (text.to_lowercase(), needle.to_lowercase());
            let (ascii, copy) = (Haystack::Ascii(&text), Haystack::AsIs(&folded));
            proptest::prop_assert_eq!(ascii.find(&needle), copy.find(&needle));
            proptest::prop_assert_eq!(ascii.starts_with(&needle), copy.starts_with(&needle));
            proptest::prop_assert_eq!(ascii.ends_with(&needle), copy.ends_with(&needle));
            proptest::prop_assert_eq!(ascii.equals(&needle), copy.equals(&needle));
            proptest::prop_assert_eq!(ascii.has_subsequence(&needle), copy.has_subsequence(&needle));
        }
    }
}
