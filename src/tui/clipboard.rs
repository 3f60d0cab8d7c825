//! Copying through the terminal with OSC 52, which works over SSH and inside tmux because
//! the terminal emulator itself sets the clipboard.

use base64::Engine;

/// The bytes that ask the terminal to put `text` on the clipboard. Inside tmux the
/// sequence is also sent wrapped in tmux's passthrough, for tmux set-ups that do not
/// forward OSC 52 themselves. `text` must already be sanitized.
pub fn osc52(text: &str, inside_tmux: bool) -> Vec<u8> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = format!("\x1b]52;c;{payload}\x07").into_bytes();
    if inside_tmux {
        out.extend_from_slice(format!("\x1bPtmux;\x1b\x1b]52;c;{payload}\x07\x1b\\").as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_exactly_the_text_in_base64() {
        assert_eq!(osc52("hi", false), b"\x1b]52;c;aGk=\x07".to_vec());
        let wrapped = osc52("hi", true);
        assert!(wrapped.ends_with(b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"));
    }
}
