//! Any string through both sanitizer flavours: the output never holds a terminal control
//! (C0 except `\n` in prose, DEL, C1), a bidirectional control or an invisible character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_hidden(c: char) -> bool {
    is_bidi(c) || defiant::sanitize::is_invisible(c)
}

fuzz_target!(|input: &str| {
    let line = defiant::sanitize::line(input);
    assert!(!line.chars().any(|c| c.is_control() || is_hidden(c)), "line: {line:?}");
    let text = defiant::sanitize::text(input);
    assert!(!text.chars().any(|c| (c.is_control() && c != '\n') || is_hidden(c)), "text: {text:?}");
    let message = defiant::sanitize::message(input);
    assert!(!message.chars().any(|c| c.is_control() || is_hidden(c)), "message: {message:?}");
});
