//! Everything the loop waits for arrives on one channel: terminal input from a reader
//! thread, and signals from a signal thread. The loop blocks on it, so the app redraws
//! only when something happened.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::{App, Internal, Message as AppMessage};

pub enum Message {
    Input(Event),
    /// The input reader failed (terminal gone).
    InputClosed(String),
    /// A termination signal arrived; the loop restores the terminal and exits 128+n.
    Signal(i32),
    /// The search worker has results.
    Search(crate::search::worker::SearchUpdate),
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

/// Turn SIGTERM, SIGHUP, SIGINT and SIGQUIT into messages, so the terminal is restored by
/// ordinary code on the main thread instead of inside a signal handler.
pub fn spawn_signals(tx: Sender<Message>) -> std::io::Result<()> {
    // SIGTSTP (`kill -TSTP`; in raw mode Ctrl-Z is only a key) would otherwise stop the
    // process with the terminal still raw and on the alternate screen (RELIABILITY.md T10).
    // A handler that only sets an unused flag makes it ignored, like the Ctrl-Z key.
    signal_hook::flag::register(SIGTSTP, std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)))?;
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Message::Signal(signal));
        }
    });
    Ok(())
}

/// Map a terminal event to a message for the app's current state: keys through the key
/// table, the rest as internal messages.
pub fn to_message(app: &App, event: &Event) -> Option<AppMessage> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => app.action_for(*key).map(AppMessage::Action),
        Event::Resize(width, height) => Some(Internal::Resized { width: *width, height: *height }.into()),
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
