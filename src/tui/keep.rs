//! The run loop's side of saved state (issue #16): open the store, hand the app its copy,
//! pass each `Effect::Save` to the writer thread (the loop never waits for the disk), and
//! at the end save the session, let the writer finish and say on stderr, once, what went
//! wrong with saving.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::event::Message;
use crate::app::{Internal, Message as AppMessage, Persistence};
use crate::saved::{Change, Saved};
use crate::store::{Store, Writer, WriterEvent};

/// How long quitting waits for queued edits to reach the disk.
const FINISH_WITHIN: Duration = Duration::from_secs(5);
/// Set to a file name to record how long each hand-off to the writer took on the UI
/// thread (nanoseconds, one a line): the figure BENCHMARKS.md reports.
pub const TIMINGS_ENV: &str = "DEFIANT_STATE_TIMINGS";

pub struct Keeper {
    writer: Option<Writer>,
    /// Lines for stderr after the terminal is restored.
    notices: Vec<String>,
    handoffs: Vec<Duration>,
}

/// What the app starts with.
pub struct Start {
    pub keeper: Keeper,
    pub saved: Saved,
    pub persistence: Persistence,
    /// Messages for the status bar (a database moved aside, saving off).
    pub notices: Vec<String>,
}

pub fn start(dir: Option<&Path>, dataset: &str, tx: Sender<Message>) -> Start {
    let Some(dir) = dir else {
        let reason = "no state directory (set DEFIANT_STATE or --state)".to_string();
        let keeper =
            Keeper { writer: None, notices: vec![format!("defiant: state not saved: {reason}")], handoffs: Vec::new() };
        return Start {
            keeper,
            saved: Saved::default(),
            persistence: Persistence::Off(reason.clone()),
            notices: vec![format!("State not saved: {reason}")],
        };
    };
    let opening = Store::open(dir, dataset);
    let mut notices = opening.notices;
    let (saved, writer, persistence) = match opening.store {
        Some(store) => {
            let saved = store.load().unwrap_or_else(|e| {
                notices.push(format!("saved state could not be read ({e}); starting empty"));
                Saved::default()
            });
            let writer = Writer::spawn(store, move |event| {
                if let WriterEvent::Failed(reason) = event {
                    let _ = tx.send(Message::App(AppMessage::Internal(Internal::PersistenceFailed(reason))));
                }
            });
            (saved, Some(writer), Persistence::On)
        }
        None => {
            let reason = notices.last().cloned().unwrap_or_else(|| "state not saved".into());
            // The marks of earlier runs still show when the database can be read.
            let saved = Store::read_only(dir, dataset).unwrap_or_default();
            (saved, None, Persistence::Off(reason))
        }
    };
    let keeper =
        Keeper { writer, notices: notices.iter().map(|n| format!("defiant: {n}")).collect(), handoffs: Vec::new() };
    let notices = notices.iter().map(|n| capitalised(n)).collect();
    Start { keeper, saved, persistence, notices }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

impl Keeper {
    /// Hand an edit to the writer (a channel send: no disk, no lock).
    pub fn save(&mut self, change: Change) {
        let Some(writer) = &self.writer else { return };
        let started = Instant::now();
        writer.send(change);
        self.handoffs.push(started.elapsed());
    }

    /// A write failed: say so on stderr at the end (once).
    pub fn failed(&mut self, reason: &str) {
        let line = format!("defiant: state not saved: {reason}");
        if !self.notices.contains(&line) {
            self.notices.push(line);
        }
    }

    /// Wait for the writer, then print what the user should know. Call after the
    /// terminal is restored.
    pub fn finish(self) {
        if let Some(writer) = self.writer
            && !writer.finish(FINISH_WITHIN)
        {
            eprintln!("defiant: the last changes may not have been saved (the state database was busy)");
        }
        for notice in &self.notices {
            eprintln!("{}", crate::sanitize::message(notice));
        }
        if let Some(path) = std::env::var_os(TIMINGS_ENV).map(PathBuf::from) {
            let lines: String = self.handoffs.iter().map(|d| format!("{}\n", d.as_nanos())).collect();
            let _ = std::fs::write(path, lines);
        }
    }
}

/// Write an export next to where the browser was started; the message says where it went.
pub fn export(file: &str, text: &str) -> String {
    match std::fs::write(file, text) {
        Ok(()) => {
            let shown = std::env::current_dir().map_or_else(|_| PathBuf::from(file), |d| d.join(file));
            format!("Exported to {}", shown.display())
        }
        Err(e) => format!("Export failed: {file}: {e}"),
    }
}
