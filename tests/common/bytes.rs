//! The bytes the app sends to a terminal, and the check that data never adds controls to them.

use defiant::app::App;
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Every byte the app writes to draw one frame, through the real crossterm backend.
pub fn frame_bytes(app: &App) -> Vec<u8> {
    let size = app.size();
    let mut bytes = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut bytes);
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(size) };
        let mut terminal = Terminal::with_options(backend, options).unwrap_or_else(|e| panic!("{e}"));
        terminal.draw(|frame| ui::view(frame, app, &Palette::colour())).unwrap_or_else(|e| panic!("{e}"));
    }
    bytes
}

/// ESC only as the start of a well-formed CSI (`ESC [` params final) or of an OSC 8
/// hyperlink whose URL is printable ASCII only (`ESC ] 8 ; ; URL ESC \`, the checked
/// source URLs), never another OSC, DCS (`ESC P`) or bare; no other C0 control but CR/LF,
/// no C1, bidi or invisible character.
pub fn assert_no_injected_controls(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let context = || text[i..].chars().take(16).collect::<String>();
        match c {
            '\u{1b}' if text[i..].starts_with("\u{1b}]8;;") => {
                let rest = &text[i + 5..];
                let end = rest.find("\u{1b}\\").unwrap_or_else(|| panic!("{what}: unterminated OSC 8 {:?}", context()));
                let url = &rest[..end];
                assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{what}: OSC 8 URL with odd bytes {url:?}");
                assert!(url.is_empty() || url.starts_with("http://") || url.starts_with("https://"), "{what}: {url:?}");
                // Skip the URL and the terminator.
                for _ in 0..(3 + url.chars().count() + 2) {
                    chars.next();
                }
            }
            '\u{1b}' => {
                assert_eq!(chars.next().map(|(_, c)| c), Some('['), "{what}: ESC not followed by '[': {:?}", context());
                let mut fin = None;
                for (_, c) in chars.by_ref() {
                    if !(c.is_ascii_digit() || c == ';' || c == '?' || c == ':') {
                        fin = Some(c);
                        break;
                    }
                }
                assert!(fin.is_some_and(|f| f.is_ascii_alphabetic()), "{what}: odd CSI {:?}", context());
            }
            '\r' | '\n' => {}
            c if c.is_control() => panic!("{what}: control U+{:04X} reached the terminal: {:?}", c as u32, context()),
            c if is_bidi(c) || is_invisible(c) => {
                panic!("{what}: U+{:04X} reached the terminal: {:?}", c as u32, context())
            }
            _ => {}
        }
    }
}

/// Bidirectional formatting characters (listed here, not taken from the crate under test).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The invisible characters the payloads use.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{3164}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{ffa0}'
            | '\u{180e}'
            | '\u{34f}'
            | '\u{e0000}'..='\u{e007f}'
    )
}
