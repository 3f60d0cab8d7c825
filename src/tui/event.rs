//! Everything the loop waits for arrives on one channel: terminal input from a reader
//! thread, and signals from a signal thread. The loop blocks on it, so the app redraws
//! only when something happened.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTRAP, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

use crate::app::{Internal, Message as AppMessage};

pub enum Message {
    Input(Event),
    /// The input reader failed (terminal gone).
    InputClosed(String),
    /// A termination signal arrived; the loop restores the terminal and exits 128+n.
    Signal(i32),
    /// The search worker has results.
    Search(crate::search::worker::SearchUpdate),
    /// Something for the app from the loop itself or the state writer (issue #16).
    App(AppMessage),
}

pub fn channel() -> (Sender<Message>, Receiver<Message>) {
    mpsc::channel()
}

/// Read terminal events on a thread of their own.
pub fn spawn_input(tx: Sender<Message>) {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Message::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Message::InputClosed(e.to_string()));
                    return;
                }
            }
        }
    });
}

/// Every signal whose default action ends the process and that can be caught: each would
/// otherwise leave the terminal raw on the alternate screen. Not here: SIGKILL and SIGSTOP
/// (cannot be caught), SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT (faults: signal-hook
/// refuses them, and nothing safe can run after one), SIGPIPE (Rust ignores it; a write
/// fails instead).
const TERMINATING: &[i32] = &[
    SIGTERM,
    SIGHUP,
    SIGINT,
    SIGQUIT,
    SIGUSR1,
    SIGUSR2,
    SIGALRM,
    SIGXCPU,
    SIGXFSZ,
    SIGVTALRM,
    SIGPROF,
    SIGSYS,
    SIGTRAP,
    SIGIO,
    #[cfg(target_os = "linux")]
    libc::SIGPWR,
    #[cfg(target_os = "linux")]
    libc::SIGSTKFLT,
];

/// Turn every terminating signal into a message, so the terminal is restored by
/// ordinary code on the main thread instead of inside a signal handler.
pub fn spawn_signals(tx: Sender<Message>) -> std::io::Result<()> {
    // SIGTSTP (`kill -TSTP`; in raw mode Ctrl-Z is only a key) would otherwise stop the
    // process with the terminal still raw and on the alternate screen (RELIABILITY.md T10).
    // A handler that only sets an unused flag makes it ignored, like the Ctrl-Z key.
    signal_hook::flag::register(SIGTSTP, std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)))?;
    let mut signals = Signals::new(TERMINATING)?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Message::Signal(signal));
        }
    });
    Ok(())
}

/// Map a terminal event to a message for the app's current state: keys through the key
/// table, the rest as internal messages.
pub fn to_message(event: &Event) -> Option<AppMessage> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(AppMessage::Key(*key)),
        Event::Resize(width, height) => Some(Internal::Resized { width: *width, height: *height }.into()),
        Event::Paste(text) => Some(Internal::Pasted(text.clone()).into()),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Internal::Clicked { column, row }.into()),
                MouseEventKind::ScrollDown => Some(Internal::Scrolled { column, row, lines: 1 }.into()),
                MouseEventKind::ScrollUp => Some(Internal::Scrolled { column, row, lines: -1 }.into()),
                _ => None,
            }
        }
        _ => None,
    }
}
