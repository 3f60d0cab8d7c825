//! The one sanitizer every string from data passes through before it can reach a terminal.
//!
//! ratatui drops some control characters on its own, but silently, lossily and not in every
//! widget (bidi controls pass through `Span`s), and it does nothing for the command line or
//! for error messages. So strings are cleaned once, at load time, into a display form that
//! makes tampering *visible*: C0 controls become Control Pictures (`␛`, `␇`, `␀`), DEL
//! becomes `␡`, C1 controls become `�`, tabs become spaces, bidi and invisible format
//! characters are removed, and floods of combining marks ("Zalgo") are capped.
//!
//! Two flavours: [`line`] for one-line fields (names, ids, titles: line breaks become a
//! space) and [`text`] for prose (line breaks are kept as `\n`, `\r\n` and `\r` folded).

use std::borrow::Cow;

/// How many combining marks one base character may carry before the rest are dropped.
pub const MAX_COMBINING_MARKS: usize = 4;

/// Spaces a tab expands to (fields are short; a fixed width keeps alignment predictable).
const TAB_SPACES: &str = "    ";

/// What kind of suspicious character a string held, for validation warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Finding {
    /// C0 controls (including ESC and BEL), DEL and C1 controls.
    Control,
    /// Bidirectional formatting characters (Trojan Source).
    Bidi,
    /// Zero-width and other invisible format characters.
    Invisible,
    /// More combining marks on one character than [`MAX_COMBINING_MARKS`].
    CombiningFlood,
}

impl Finding {
    pub fn describe(self) -> &'static str {
        match self {
            Finding::Control => "control or escape characters (shown as placeholders)",
            Finding::Bidi => "bidirectional control characters (removed)",
            Finding::Invisible => "invisible zero-width characters (removed)",
            Finding::CombiningFlood => "a flood of combining marks (capped)",
        }
    }
}

/// Whether a field is shown on one line or as wrapped prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Line,
    Text,
    /// An id or a reference: cleaned as a line, but never cut (a cut id names another record).
    Id,
}

/// Sanitize a one-line field: line breaks become single spaces.
pub fn line(input: &str) -> Cow<'_, str> {
    clean(input, Flavour::Line, &mut |_| {})
}

/// Sanitize a prose field: line breaks are kept (normalised to `\n`).
pub fn text(input: &str) -> Cow<'_, str> {
    clean(input, Flavour::Text, &mut |_| {})
}

/// Sanitize a field of either flavour and report what was found.
pub fn with_findings<'a>(input: &'a str, flavour: Flavour, found: &mut impl FnMut(Finding)) -> Cow<'a, str> {
    clean(input, flavour, found)
}

/// True when a string has nothing the sanitizer would change: the fast path for clean data.
fn is_plain(input: &str) -> bool {
    is_printable_ascii(input.as_bytes()) || !input.chars().any(needs_attention)
}

/// Only 0x20–0x7E, the common case. Blocks of 16 bytes are checked without an early exit,
/// which the compiler vectorises: at 100k records loading spent ≈ 5 ms here byte by byte.
fn is_printable_ascii(bytes: &[u8]) -> bool {
    let printable = |b: &u8| b.wrapping_sub(0x20) < 0x5f;
    let mut blocks = bytes.chunks_exact(16);
    blocks.all(|block| block.iter().fold(true, |all, b| all & printable(b))) && blocks.remainder().iter().all(printable)
}

fn needs_attention(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || is_bidi(c)
        || is_invisible(c)
        || is_combining_mark(c)
        || is_emoji_joiner(c)
}

fn clean<'a>(input: &'a str, flavour: Flavour, found: &mut impl FnMut(Finding)) -> Cow<'a, str> {
    if is_plain(input) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    let mut chars = input.chars().peekable();
    let mut marks_on_base = 0usize;
    while let Some(c) = chars.next() {
        // Ids are never changed (a changed id names another record): hidden joiners in one
        // are refused by validation instead.
        if is_emoji_joiner(c) && flavour != Flavour::Id {
            emoji_terminal_form(c, &mut chars, &mut out);
            continue;
        }
        // Some invisible characters are also combining marks (U+034F COMBINING GRAPHEME
        // JOINER, Khmer U+17B4/U+17B5): they must be removed like the others, not kept as
        // marks, or an id hiding one would not collide with its look-alike.
        if is_combining_mark(c) && c != '\u{200d}' && !is_invisible(c) {
            marks_on_base += 1;
            if marks_on_base > MAX_COMBINING_MARKS {
                found(Finding::CombiningFlood);
                continue;
            }
            out.push(c);
            continue;
        }
        marks_on_base = 0;
        match c {
            '\t' => out.push_str(TAB_SPACES),
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                match flavour {
                    Flavour::Line | Flavour::Id => {
                        if !out.ends_with(' ') {
                            out.push(' ');
                        }
                    }
                    Flavour::Text => out.push('\n'),
                }
            }
            '\u{0}'..='\u{1f}' => {
                found(Finding::Control);
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => {
                found(Finding::Control);
                out.push('\u{2421}');
            }
            '\u{80}'..='\u{9f}' => {
                found(Finding::Control);
                out.push('\u{fffd}');
            }
            c if is_bidi(c) => found(Finding::Bidi),
            c if is_invisible(c) => found(Finding::Invisible),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The parts of emoji sequences that terminals draw at different widths: ZWJ, the
/// variation selectors, skin-tone modifiers and regional indicators.
fn is_emoji_joiner(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{1f1e6}'..='\u{1f1ff}')
}

/// The display form of emoji sequences that tmux, xterm and the vt100 crate draw alike, and
/// at the width unicode-width (ratatui's layout) gives them. Measured: a ZWJ family is 2
/// columns to unicode-width and tmux 3.3a but 8 to vt100; `❤️` (VS16) is 2 to
/// unicode-width and vt100 but 1 to tmux; `👍🏽` is 2 to unicode-width but 4 to both
/// terminals; a trailing ZWJ makes tmux join the next glyph (a border) into its cell; and a
/// flag is one 2-column cell to ratatui but two 1-column cells to the terminals, so
/// redrawing over half of one leaves the other half behind (and tmux joins a lone regional
/// indicator with one drawn next to it later). So: ZWJ and the variation selectors are
/// dropped (the family becomes its members side by side, `❤` its text form), a skin tone
/// after another character is dropped, and regional indicators become their letters, a
/// flag its country code (`🇯🇵🇫🇷` → `JP FR`, a lone `🇯` → `J`).
fn emoji_terminal_form(c: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    match c {
        '\u{1f3fb}'..='\u{1f3ff}' if out.chars().next_back().is_none_or(char::is_whitespace) => out.push(c),
        '\u{1f1e6}'..='\u{1f1ff}' => {
            let letter = |c: char| char::from_u32(u32::from('A') + (c as u32 - 0x1f1e6)).unwrap_or('?');
            let mut run = vec![letter(c)];
            while let Some(&next @ '\u{1f1e6}'..='\u{1f1ff}') = chars.peek() {
                chars.next();
                run.push(letter(next));
            }
            // Pairs from the start are flags (as Unicode pairs them), a space between codes.
            let codes: Vec<String> = run.chunks(2).map(|pair| pair.iter().collect()).collect();
            out.push_str(&codes.join(" "));
        }
        _ => {} // ZWJ, VS15, VS16
    }
}

/// Bidirectional formatting characters (CVE-2021-42574 "Trojan Source").
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Default-ignorable characters that render as nothing and can hide text or forge ids.
/// ZWJ, ZWNJ and variation selectors are kept: emoji and some scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Make an arbitrary message safe to print (paths, serde messages that echo raw keys).
/// Line breaks become a visible `⏎` so a file name cannot fake a second message line.
pub fn message(input: &str) -> String {
    let marked: String = input.chars().map(|c| if matches!(c, '\n' | '\r') { '⏎' } else { c }).collect();
    line(&marked).into_owned()
}

/// Truncate to at most `max_bytes`, on a char boundary, appending `…` when cut.
pub fn truncate(input: &str, max_bytes: usize) -> Cow<'_, str> {
    if input.len() <= max_bytes {
        return Cow::Borrowed(input);
    }
    let mut end = max_bytes;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &input[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(s: &str) -> Vec<Finding> {
        let mut v = Vec::new();
        let _ = with_findings(s, Flavour::Text, &mut |f| v.push(f));
        v.dedup();
        v
    }

    #[test]
    fn the_block_check_finds_a_control_byte_at_any_position() {
        for len in 0..40 {
            let plain = "x".repeat(len);
            assert!(is_printable_ascii(plain.as_bytes()));
            for at in 0..len {
                for bad in [0x00, 0x1b, 0x1f, 0x7f, 0x80, 0xff] {
                    let mut bytes = plain.clone().into_bytes();
                    bytes[at] = bad;
                    assert!(!is_printable_ascii(&bytes), "{bad:#x} at {at} of {len}");
                }
            }
        }
        assert!(is_printable_ascii(b" ~"));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Dr. Dre — Compton, 1965"), Cow::Borrowed(_)));
        assert!(matches!(text("Café 中文 👨👩👧"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible_placeholders() {
        assert_eq!(line("A\u{1b}]0;pwned\u{7}B"), "A␛]0;pwned␇B");
        assert_eq!(line("nul\u{0}del\u{7f}"), "nul␀del␡");
        assert_eq!(line("csi\u{9b}2J"), "csi\u{fffd}2J");
        assert_eq!(findings("\u{1b}[2J"), vec![Finding::Control]);
    }

    #[test]
    fn line_breaks_fold_by_flavour() {
        assert_eq!(line("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(line("a\tb"), "a    b");
        assert_eq!(line("a\u{2028}b"), "a b");
    }

    #[test]
    fn bidi_and_invisible_are_removed() {
        assert_eq!(line("abc\u{202e}def\u{2066}"), "abcdef");
        assert_eq!(line("dr\u{200b}-dre\u{feff}"), "dr-dre");
        assert_eq!(line("dr\u{34f}-dre\u{17b4}"), "dr-dre", "invisible combining marks are removed too");
        assert_eq!(findings("x\u{202e}"), vec![Finding::Bidi]);
        assert_eq!(findings("x\u{200b}"), vec![Finding::Invisible]);
    }

    #[test]
    fn emoji_take_the_form_every_terminal_draws_alike() {
        use unicode_width::UnicodeWidthStr;
        // A ZWJ family becomes its members side by side; VS16 and a trailing ZWJ go.
        assert_eq!(line("👨\u{200d}👩\u{200d}👧"), "👨👩👧");
        assert_eq!(line("❤\u{fe0f} x\u{200d}"), "❤ x");
        assert_eq!(line("🏳\u{fe0f}\u{200d}🌈"), "🏳🌈");
        // A skin tone on a base goes; on its own it stays (a swatch, 2 columns everywhere).
        assert_eq!(line("👍🏽 🏽"), "👍 🏽");
        // Flags become their country codes; a lone regional indicator its letter.
        assert_eq!(line("🇯🇵🇫🇷 flags"), "JP FR flags");
        assert_eq!(line("🇯🇵🇯 x🇺"), "JP J xU");
        // Each result is as wide as its characters, which is what the terminals count.
        for input in ["👨\u{200d}👩\u{200d}👧\u{200d}👦", "❤\u{fe0f}", "👍🏽", "🇯🇵🇯", "🏳\u{fe0f}\u{200d}🌈"]
        {
            let shown = line(input);
            let by_chars: usize = shown.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum();
            assert_eq!(shown.width(), by_chars, "{input:?} → {shown:?}");
        }
    }

    #[test]
    fn combining_floods_are_capped_but_accents_kept() {
        assert_eq!(line("e\u{301}"), "e\u{301}");
        let zalgo: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 100)).collect();
        assert_eq!(line(&zalgo).chars().count(), 1 + MAX_COMBINING_MARKS);
        assert_eq!(findings(&zalgo), vec![Finding::CombiningFlood]);
    }

    #[test]
    fn output_never_holds_terminal_controls() {
        let hostile = "\u{1b}P\u{1b}\\\u{7}\u{8}\u{9b}\u{9d}\u{85}\u{202e}\u{200f}\u{61c}";
        let out = text(hostile);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n' || is_bidi(c)), "{out:?}");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate("héllo", 2), "h…");
        assert_eq!(truncate("short", 10), "short");
    }
}
