//! Search on a background thread, so typing and drawing never wait for it.
//!
//! Each request carries a generation number; submitting a new one bumps the shared
//! counter, and a running search checks it between blocks of records, so stale work stops
//! within one block (a few milliseconds) and the newest query wins. A search that takes a
//! while publishes its partial, ranked results along the way.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::{Hit, Query, SearchIndex, rank};

/// Records scanned between two looks at the generation counter and the clock.
const SCAN_BLOCK: usize = 65_536;
/// Partial results are published at most this often.
const PARTIAL_EVERY: Duration = Duration::from_millis(40);
/// At most this many partial hits are sent (the screen shows far fewer).
const PARTIAL_LIMIT: usize = 2_000;

/// Results for one generation; `done` is false for partial results.
#[derive(Debug, Clone)]
pub struct SearchUpdate {
    pub generation: u64,
    pub hits: Arc<Vec<Hit>>,
    pub done: bool,
}

struct Request {
    generation: u64,
    query: Query,
}

/// Handle to the worker thread; dropping it ends the thread after its current search.
pub struct SearchWorker {
    requests: Sender<Request>,
    current: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Start the worker; `publish` receives every (partial or final) result.
    pub fn spawn(index: Arc<SearchIndex<'static>>, publish: impl Fn(SearchUpdate) + Send + 'static) -> Self {
        let (requests, inbox) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        let counter = current.clone();
        thread::spawn(move || serve(&index, &inbox, &counter, &publish));
        Self { requests, current }
    }

    /// Ask for a search; any older one still running is abandoned.
    pub fn submit(&self, generation: u64, query: Query) {
        self.current.store(generation, Ordering::SeqCst);
        let _ = self.requests.send(Request { generation, query });
    }
}

fn serve(index: &SearchIndex, inbox: &Receiver<Request>, current: &AtomicU64, publish: &dyn Fn(SearchUpdate)) {
    while let Ok(first) = inbox.recv() {
        // Only the newest pending request matters.
        let request = inbox.try_iter().last().unwrap_or(first);
        if request.generation != current.load(Ordering::SeqCst) {
            continue;
        }
        run(index, &request, current, publish);
    }
}

/// Run one search in blocks, publishing partial results; returns quietly when superseded.
fn run(index: &SearchIndex, request: &Request, current: &AtomicU64, publish: &dyn Fn(SearchUpdate)) {
    let started = Instant::now();
    let stale = || current.load(Ordering::Relaxed) != request.generation;
    let mut hits: Vec<Hit> = Vec::new();
    let mut last_publish = started;
    let mut start = 0;
    while start < index.len() {
        let end = (start + SCAN_BLOCK).min(index.len());
        let Some(found) = index.scan(start..end, &request.query, &stale) else { return };
        hits.extend(found);
        start = end;
        if stale() {
            return;
        }
        if start < index.len() && last_publish.elapsed() >= PARTIAL_EVERY {
            let mut partial = hits.clone();
            rank(&mut partial);
            partial.truncate(PARTIAL_LIMIT);
            publish(SearchUpdate { generation: request.generation, hits: Arc::new(partial), done: false });
            last_publish = Instant::now();
        }
    }
    rank(&mut hits);
    publish(SearchUpdate { generation: request.generation, hits: Arc::new(hits), done: true });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use std::sync::Mutex;

    #[test]
    fn the_newest_query_wins_and_results_match_a_direct_search() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = Arc::new(SearchIndex::build(&data));
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let worker = SearchWorker::spawn(index.clone(), move |update| {
            let _ = tx.lock().map(|tx| tx.send(update));
        });
        worker.submit(1, Query::parse("iovine", false));
        worker.submit(2, Query::parse("dre", false));
        let last = loop {
            let update = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|e| panic!("no result: {e}"));
            if update.generation == 2 && update.done {
                break update;
            }
            assert!(update.generation <= 2);
        };
        assert_eq!(*last.hits, index.search(&Query::parse("dre", false)));
    }

    #[test]
    fn a_superseded_search_publishes_nothing() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = SearchIndex::build(&data);
        let current = AtomicU64::new(7);
        let request = Request { generation: 6, query: Query::parse("dre", false) };
        let published = Mutex::new(0);
        run(&index, &request, &current, &|_| {
            if let Ok(mut n) = published.lock() {
                *n += 1;
            }
        });
        assert_eq!(published.lock().map(|n| *n).unwrap_or(1), 0);
    }
}
