//! Folding, as fzf and editors do it: an ASCII query letter also matches its accented forms
//! (`jarvi` finds "Järvi"), and ASCII `'` `"` `-` also match their typographic forms (`’` `“`
//! `–` …). A query term that holds a non-ASCII character is matched as typed instead.
//!
//! Every function here maps one char to one char, so a folded copy has the same chars, at
//! the same char indices, as the text it was made from: a match's char positions in the copy
//! are its positions in the original, with no offset map to keep.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The char that an ASCII query char matches `c` as; `c` itself when nothing folds it.
pub fn plain(c: char) -> char {
    match c {
        _ if c.is_ascii() => c,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' => ' ',
        // Latin letters whose stroke is not a combining mark, so have no decomposition.
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'đ' => 'd',
        'Đ' => 'D',
        'ı' => 'i',
        _ => base_letter(c).unwrap_or(c),
    }
}

/// `c`'s lower-case form when that is one char (nearly always); else `c`, which keeps the
/// copy char-aligned (`İ` lower-cases to two chars).
pub fn lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The ASCII letter of a precomposed Latin letter with marks (`é` → `e`, `Å` → `A`).
fn base_letter(c: char) -> Option<char> {
    let mut base = None;
    let mut only_marks = true;
    decompose_canonical(c, |d| match base {
        None => base = Some(d),
        Some(_) => only_marks &= is_combining_mark(d),
    });
    base.filter(|b| *b != c && b.is_ascii_alphabetic() && only_marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_char_per_char() {
        let text = "Lasse Järvi’s “Beyoncé” — Apple–Beats, Øre, İstanbul, 文字 👨‍👩‍👧";
        let folded: String = text.chars().map(plain).collect();
        assert_eq!(folded, "Lasse Jarvi's \"Beyonce\" - Apple-Beats, Ore, Istanbul, 文字 👨‍👩‍👧");
        assert_eq!(folded.chars().count(), text.chars().count());
        let lowered: String = text.chars().map(lower).collect();
        assert_eq!(lowered.chars().count(), text.chars().count());
        assert!(lowered.starts_with("lasse järvi’s"));
    }
}
