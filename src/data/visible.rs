//! What counts as visible: ids must be visible text (so two ids that print alike are one),
//! and required text needs at least one visible character. Also how ids are shown in
//! messages: hidden characters as `<U+200D>`, long ids shortened, never changed otherwise.
//!
//! The sanitizer has already removed controls, bidi controls and the invisible characters
//! it knows (ZWSP, BOM, soft hyphen, fillers, tags…); it keeps ZWJ, ZWNJ and variation
//! selectors because emoji and some scripts need them in prose. Those, other format
//! characters and spaces other than U+0020 are what an id may still hide.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Ids longer than this (in characters) are shortened in messages.
const SHOWN_ID_CHARS: usize = 64;

/// Whether `c` prints as nothing, or as a blank, where it stands alone in an id.
///
/// Format characters (Cf: ZWJ, ZWNJ, musical and hieroglyph format controls, prepended
/// marks such as U+0600…), separators and whitespace other than U+0020 (no-break,
/// ideographic, figure spaces…), the default-ignorable code points that are not Cf
/// (variation selectors and the Other_Default_Ignorable_Code_Point list of Unicode's
/// DerivedCoreProperties.txt, stable since Unicode 6), and blanks that are symbols
/// (U+2800 braille pattern blank).
pub fn is_hidden(c: char) -> bool {
    use GeneralCategory::*;
    if c == ' ' {
        return false;
    }
    c.is_whitespace()
        || matches!(
            c.general_category(),
            Format | Control | Surrogate | SpaceSeparator | LineSeparator | ParagraphSeparator
        )
        || is_default_ignorable_not_format(c)
        || c == '\u{2800}'
}

/// Default_Ignorable_Code_Point minus Cf: variation selectors and Other_DI.
fn is_default_ignorable_not_format(c: char) -> bool {
    matches!(
        c,
        '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{2065}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Whether `c` shows something by itself: not hidden, not a space, not a combining mark
/// (which shows only on a base).
fn is_visible_base(c: char) -> bool {
    use GeneralCategory::*;
    !c.is_whitespace() && !is_hidden(c) && !matches!(c.general_category(), NonspacingMark | SpacingMark | EnclosingMark)
}

/// Whether text has at least one visible grapheme: one with a visible base character (a
/// grapheme of only marks, joiners or fillers shows nothing).
pub fn has_visible_text(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_graphic()) || text.chars().any(is_visible_base)
}

/// The characters that make an id invisible in places: hidden ones, and a leading or
/// trailing space. Each once, in order of appearance.
pub fn hidden_in_id(id: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    let edges = id.starts_with(' ') || id.ends_with(' ');
    for c in id.chars().filter(|&c| is_hidden(c) || (c == ' ' && edges)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// `U+200D, U+FE0F`: characters named by code point (their glyphs are the problem).
pub fn code_points(chars: &[char]) -> String {
    chars.iter().map(|&c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>().join(", ")
}

/// An id with what hides removed and other spaces made plain, trimmed: two ids with the
/// same key print alike.
pub fn visible_key(id: &str) -> String {
    let key: String = id
        .chars()
        .filter(|&c| !is_hidden(c) || c.is_whitespace())
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    key.trim().to_string()
}

/// An id as a message shows it: hidden characters as `<U+200D>`, shortened with `…` and its
/// length when long.
pub fn shown_id(id: &str) -> String {
    let mut shown = String::new();
    for (n, c) in id.chars().enumerate() {
        if n == SHOWN_ID_CHARS {
            shown.push_str(&format!("… ({} bytes)", id.len()));
            break;
        }
        if is_hidden(c) {
            shown.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_named_and_folded_away() {
        assert_eq!(shown_id("ann-lee\u{200d}"), "ann-lee<U+200D>");
        assert_eq!(hidden_in_id("ann-lee "), vec![' ']);
        assert!(hidden_in_id("ann lee").is_empty());
        assert_eq!(visible_key("ann-lee\u{a0}"), "ann-lee");
        assert_eq!(visible_key("ann\u{3000}lee\u{fe0f}"), "ann lee");
        assert!(has_visible_text("\u{2764}\u{fe0f}") && has_visible_text("e\u{301}"));
        assert!(!has_visible_text("\u{301}\u{200d}\u{2800}\u{a0}"));
    }
}
