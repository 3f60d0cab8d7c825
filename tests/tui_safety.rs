//! Hostile text from data never commands the terminal and never breaks the layout
//! (RELIABILITY.md D25–D30): checked on the bytes a real crossterm backend writes, and on
//! the cells of a TestBackend.

mod common;

use common::bytes::{assert_no_injected_controls, frame_bytes};
use common::{app, fixture, press, screen};
use defiant::ui::Palette;

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
            assert_no_injected_controls(&format!("{w}x{h} {script:?}"), &frame_bytes(&app));
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
