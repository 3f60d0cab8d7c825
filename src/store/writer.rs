//! The store's writer thread: the browser hands it edits and never waits. Edits that queue
//! up while a write is in flight go in one transaction. A failed write (a full disk, a
//! directory made read-only) is reported once and kept to be tried again with the next
//! edit, so nothing the user did is dropped while the process lives.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Store;
use crate::saved::Change;

/// At most this many edits go in one transaction.
const BATCH: usize = 512;
/// At most this many failed edits are held for another try.
const HOLD: usize = 100_000;

/// What the writer tells the run loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriterEvent {
    /// This many edits are on disk.
    Saved(usize),
    /// A write failed (reported once until one succeeds again).
    Failed(String),
}

#[derive(Debug)]
pub struct Writer {
    tx: Option<Sender<Change>>,
    done: Receiver<()>,
    handle: Option<JoinHandle<()>>,
}

impl Writer {
    pub fn spawn(mut store: Store, report: impl Fn(WriterEvent) + Send + 'static) -> Writer {
        let (tx, rx) = mpsc::channel::<Change>();
        let (done_tx, done) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("state-writer".into())
            .spawn(move || {
                run(&mut store, &rx, &report);
                let _ = done_tx.send(());
            })
            .ok();
        Writer { tx: Some(tx), done, handle }
    }

    /// Queue an edit; returns at once.
    pub fn send(&self, change: Change) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(change);
        }
    }

    /// Stop taking edits and wait up to `within` for the queued ones to be written.
    /// False when the writer did not finish in time (the edits may still be written
    /// until the process exits).
    pub fn finish(mut self, within: Duration) -> bool {
        self.tx = None;
        let finished = self.done.recv_timeout(within).is_ok();
        if finished && let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
        finished
    }
}

fn run(store: &mut Store, rx: &Receiver<Change>, report: &impl Fn(WriterEvent)) {
    let mut pending: Vec<Change> = Vec::new();
    let mut failing = false;
    while let Ok(first) = rx.recv() {
        pending.push(first);
        pending.extend(rx.try_iter().take(BATCH));
        let started = Instant::now();
        match store.apply(&pending) {
            Ok(()) => {
                failing = false;
                report(WriterEvent::Saved(pending.len()));
                pending.clear();
            }
            Err(e) => {
                if !failing {
                    report(WriterEvent::Failed(crate::sanitize::message(&e.to_string())));
                }
                failing = true;
                if pending.len() > HOLD {
                    pending.drain(..pending.len() - HOLD);
                }
                // Do not spin on a disk that keeps failing.
                std::thread::sleep(Duration::from_millis(50).saturating_sub(started.elapsed()));
            }
        }
    }
    // The sender is gone: one last try for what failed before.
    if !pending.is_empty() {
        let _ = store.apply(&pending);
    }
}
