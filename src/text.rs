//! Width-aware text helpers: wrapping on word boundaries and truncating by display
//! columns without splitting a grapheme (CJK and emoji take two columns).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Wrap `text` to `width` columns on word boundaries. Words longer than a line are broken.
pub fn wrap(text: &str, width: usize, first_indent: &str, rest_indent: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return vec![String::new()];
    }
    let width = width.max(first_indent.width() + 1).max(rest_indent.width() + 1);
    let options = textwrap::Options::new(width)
        .initial_indent(first_indent)
        .subsequent_indent(rest_indent)
        .break_words(true)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(text, options).into_iter().map(|l| l.into_owned()).collect()
}

/// Cut `text` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate_to_width(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns_without_splitting_wide_chars() {
        assert_eq!(truncate_to_width("中文字符", 5), "中文…");
        assert_eq!(truncate_to_width("abc", 3), "abc");
        assert_eq!(truncate_to_width("abcd", 3), "ab…");
        assert_eq!(truncate_to_width("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert!(width(&truncate_to_width("👨‍👩‍👧 family", 4)) <= 4);
    }

    #[test]
    fn wraps_on_words_with_indents() {
        assert_eq!(wrap("one two three", 8, "  ", "  "), vec!["  one", "  two", "  three"]);
        assert_eq!(wrap("", 10, "  ", "  "), vec![""]);
        for line in wrap("中文中文中文中文", 5, "", "") {
            assert!(width(&line) <= 5);
        }
    }
}
