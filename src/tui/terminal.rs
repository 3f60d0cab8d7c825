//! Entering and leaving the full-screen terminal, from every exit path.
//!
//! Restoring undoes everything `enter` turned on: raw mode, the alternate screen, the
//! hidden cursor, mouse capture and bracketed paste. It runs from the guard's `Drop` (normal
//! return and errors), from the panic hook (before the panic message, so it lands on the
//! normal screen) and from the signal path. It is idempotent, so running twice is harmless.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Why the browser cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the browser needs a terminal, but {0} is not one; use `defiant list`, `show` or `validate` in scripts")]
    NotATerminal(&'static str),
    /// Set-up failures and errors after set-up (a draw that cannot be written, input
    /// gone) alike, so the message does not say "set up" (RELIABILITY T11).
    #[error("terminal error: {0}")]
    Io(#[from] io::Error),
}

/// Refuse to start (and write nothing) unless both ends are a terminal, so escape codes
/// never land in a file or a pipe.
pub fn check_tty() -> Result<(), StartError> {
    if !io::stdout().is_terminal() {
        return Err(StartError::NotATerminal("standard output"));
    }
    if !io::stdin().is_terminal() {
        return Err(StartError::NotATerminal("standard input"));
    }
    Ok(())
}

/// Holds the terminal in full-screen mode; restores it when dropped.
pub struct TerminalGuard(());

impl TerminalGuard {
    pub fn enter(mouse: bool) -> Result<Self, StartError> {
        install_panic_hook();
        MOUSE.store(mouse, Ordering::SeqCst);
        enter_modes()?;
        Ok(Self(()))
    }
}

/// Raw mode, the alternate screen, bracketed paste and (if wanted) the mouse.
fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-Z: give the terminal back as it was, stop as a shell job does, and take the
/// terminal again when the shell continues the job (`fg`). Returns after the continue.
pub fn suspend() -> io::Result<()> {
    restore();
    // SIGSTOP, not SIGTSTP: SIGTSTP has a handler (so `kill -TSTP` cannot stop the app with
    // the terminal raw, RELIABILITY T10), and here the terminal is already restored.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enter_modes()
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leave full-screen mode. Errors are ignored: this runs on the way out, often from a
/// panic hook, and must never panic itself.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
