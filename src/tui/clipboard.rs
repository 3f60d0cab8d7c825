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

/// The system clipboard (arboard), where one is reachable: a local graphical session. Over
/// SSH or with no display it is left alone and OSC 52 alone carries the copy, quietly.
/// Kept for the life of the run loop: on X11 the copied text is served by the process that
/// owns the clipboard, for as long as it lives.
pub struct System(Option<arboard::Clipboard>);

impl Default for System {
    fn default() -> Self {
        let remote = ["SSH_CONNECTION", "SSH_TTY"].iter().any(|v| std::env::var_os(v).is_some());
        let local = !remote && super::opener::has_display();
        Self(if local { arboard::Clipboard::new().ok() } else { None })
    }
}

impl System {
    /// Put `text` on the system clipboard if there is one; failures are silent (OSC 52
    /// has already been sent).
    pub fn set(&mut self, text: &str) {
        if let Some(clipboard) = &mut self.0 {
            let _ = clipboard.set_text(text.to_string());
        }
    }
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
