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

/// Like [`wrap`], but each line comes with the char offset in `text` where its content
/// starts (after the indent), so match positions can be mapped onto wrapped lines.
pub fn wrap_with_offsets(text: &str, width: usize, first_indent: &str, rest_indent: &str) -> Vec<(String, usize)> {
    let mut cursor = 0; // byte offset in `text`
    let mut out = Vec::new();
    for (i, line) in wrap(text, width, first_indent, rest_indent).into_iter().enumerate() {
        let indent = if i == 0 { first_indent } else { rest_indent };
        let content = line.strip_prefix(indent).unwrap_or(&line);
        let at = text[cursor..].find(content).map_or(cursor, |found| cursor + found);
        out.push((line.clone(), text[..at].chars().count()));
        cursor = (at + content.len()).min(text.len());
    }
    out
}

/// Split `line` (whose content starts at char `offset` of the original text, after
/// `indent_chars` chars of indent) into runs of (matched?, text) for `positions`.
pub fn split_matches(line: &str, indent_chars: usize, offset: usize, positions: &[usize]) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for (i, c) in line.chars().enumerate() {
        let matched = i >= indent_chars && positions.binary_search(&(offset + i - indent_chars)).is_ok();
        match runs.last_mut() {
            Some((m, run)) if *m == matched => run.push(c),
            _ => runs.push((matched, c.to_string())),
        }
    }
    runs
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
    fn wrapped_lines_know_their_offsets() {
        let text = "alpha beta gamma delta, and a longwordthatmustbreak at the end";
        let chars: Vec<char> = text.chars().collect();
        let lines = wrap_with_offsets(text, 12, "  ", "  ");
        assert!(lines.len() > 3);
        for (line, offset) in &lines {
            let content: Vec<char> = line.trim_start().chars().collect();
            assert_eq!(&chars[*offset..*offset + content.len()], content.as_slice(), "{line:?} at {offset}");
        }
        let runs = split_matches("  gamma", 2, 11, &[11, 12, 17]);
        assert_eq!(runs, vec![(false, "  ".into()), (true, "ga".into()), (false, "mma".into())]);
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
