//! Work the browser starts only once its first frame is on the screen.
//!
//! On two cores, a thread started beside the first frame takes one of them: at a million
//! records the Overview's charts decode every quote and the Timeline every person, and the
//! rest of the snapshot's check hashes its text and index (153 MiB). None of it is needed to
//! draw the first frame (the two panes say they are counting; the snapshot's text is checked
//! chunk by chunk as it is read), so it all waits for it (BENCHMARKS §16).

use std::sync::mpsc::Sender;

use super::event::Message;

/// Jobs to start on threads of their own after the first frame.
#[derive(Default)]
pub struct AfterFirstFrame {
    jobs: Vec<Box<dyn FnOnce() + Send>>,
}

impl AfterFirstFrame {
    /// Run `job` on a thread of its own once the first frame is drawn.
    pub fn push(&mut self, job: impl FnOnce() + Send + 'static) {
        self.jobs.push(Box::new(job));
    }

    /// Start what is waiting (after each frame; nothing is left after the first).
    pub fn start(&mut self) {
        for job in self.jobs.drain(..) {
            std::thread::spawn(job);
        }
    }
}

/// What is left to check of the dataset's snapshot (`snapshot::Verify::run`, which removes
/// a damaged one): false when it is damaged.
pub type SnapshotCheck = Box<dyn FnOnce() -> bool + Send>;

/// Run the snapshot's check; when it fails, tell the user why some text may read as empty.
pub fn verify(check: SnapshotCheck, tx: Sender<Message>) -> impl FnOnce() + Send + 'static {
    move || {
        if !check() {
            let said = "The dataset's snapshot was damaged: text it held reads as empty; \
                        removed, the next start reads the JSON";
            let _ = tx.send(Message::App(crate::app::Internal::Notice(said.into()).into()));
        }
    }
}
