//! `o`: hand a checked web address to the system's opener (xdg-open, gio, open …), spawned
//! directly — never through a shell — with its streams closed so nothing it prints lands
//! on our screen, and reaped on a thread so the UI never waits for it.

use std::process::Stdio;

/// Why nothing could open the URL.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("no browser here (no display, or over SSH)")]
    Headless,
    #[error("no program to open web addresses was found")]
    NoOpener,
}

/// Whether a graphical opener can reach the user: macOS and Windows always; elsewhere a
/// display, and not a session over SSH without one.
pub fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    set("DISPLAY") || set("WAYLAND_DISPLAY")
}

pub fn open(url: &str) -> Result<(), OpenError> {
    if !has_display() {
        return Err(OpenError::Headless);
    }
    for mut command in open::commands(url) {
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        if let Ok(mut child) = command.spawn() {
            std::thread::spawn(move || child.wait());
            return Ok(());
        }
    }
    Err(OpenError::NoOpener)
}
