//! Hostile text from data never commands the terminal and never breaks the layout
//! (RELIABILITY.md D25–D30): checked on the bytes a real crossterm backend writes, and on
//! the cells of a TestBackend.

mod common;

use common::{app, fixture, press, screen};
use defiant::app::App;
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Every byte the app writes to draw one frame, through the real crossterm backend.
fn frame_bytes(app: &App) -> Vec<u8> {
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

/// ESC may appear only as the start of ratatui's own CSI sequences (`ESC [` followed by
/// digits, `;`, `?` and a final letter), never as OSC (`ESC ]`), DCS (`ESC P`) or a bare ESC.
fn assert_no_injected_controls(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        match c {
            '\u{1b}' => {
                let rest = &text[i + 1..];
                assert!(
                    rest.starts_with('['),
                    "ESC not followed by '[' at byte {i}: {:?}",
                    &text[i..(i + 12).min(text.len())]
                );
                let params: String =
                    rest[1..].chars().take_while(|c| c.is_ascii_digit() || *c == ';' || *c == '?').collect();
                let fin = rest[1 + params.len()..].chars().next();
                assert!(
                    fin.is_some_and(|f| f.is_ascii_alphabetic()),
                    "odd CSI {:?}",
                    &rest[..(params.len() + 3).min(rest.len())]
                );
            }
            '\u{7}' | '\u{0}' | '\u{8}' | '\u{7f}' => panic!("control {c:?} reached the terminal"),
            '\u{80}'..='\u{9f}' => panic!("C1 control {:?} reached the terminal", c as u32),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
                panic!("bidi control U+{:04X} reached the terminal", c as u32)
            }
            '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{3164}' => {
                panic!("invisible U+{:04X} reached the terminal", c as u32)
            }
            _ => {}
        }
    }
}

const SCREENS: &[&str] = &["3", "3 <enter>", "3 j", "3 j <enter>", "5 l", "4", "4 <enter>", "5 l <enter>"];
/// Screens without bordered blocks (the full-screen reader), checked for bytes only.
const READER_SCREENS: &[&str] = &["5 <enter>", "5 j j j <enter>"];

/// Note: ratatui's `Paragraph` also drops controls on its own (a backstop, RELIABILITY §0.1),
/// so this test guards the byte stream as a whole; `tampering_is_visible_as_placeholders` is
/// the one that fails if the sanitizer itself stops working.
#[test]
fn no_escape_from_data_reaches_the_byte_stream() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        for script in SCREENS.iter().chain(READER_SCREENS) {
            let mut app = app(fixture("tui-hostile.json"), w, h);
            press(&mut app, script);
            assert_no_injected_controls(&frame_bytes(&app));
        }
    }
}

#[test]
fn tampering_is_visible_as_placeholders() {
    let mut app = app(fixture("tui-hostile.json"), 120, 40);
    press(&mut app, "3 <enter>");
    let text = screen(&app);
    assert!(text.contains("Ann ␛]0;pwned␇Lee ␛[2J"), "{text}");
    assert!(text.contains("evil"), "text around bidi controls stays");
    assert!(text.contains("Tab    here"), "tabs become spaces");
}

#[test]
fn wide_and_combining_text_never_breaks_borders() {
    for (w, h) in [(120, 40), (80, 24), (60, 20), (40, 12)] {
        for script in SCREENS {
            let mut app = app(fixture("tui-hostile.json"), w, h);
            press(&mut app, script);
            let layout = app.layout().expect("fits");
            for block in [layout.list, layout.detail].into_iter().flatten() {
                let terminal = common::terminal(&app, &Palette::colour());
                let buffer = terminal.backend().buffer();
                for y in block.y + 1..block.bottom() - 1 {
                    let left = buffer[(block.x, y)].symbol();
                    let right = buffer[(block.right() - 1, y)].symbol();
                    assert_eq!(left, "│", "{w}x{h} {script}: left border broken at row {y}");
                    assert!(
                        matches!(right, "│" | "█" | "║"),
                        "{w}x{h} {script}: right border broken at row {y}: {right:?}"
                    );
                }
            }
        }
    }
}
