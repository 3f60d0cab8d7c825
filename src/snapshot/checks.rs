//! Which of a snapshot's checksums are checked when, spread over the two cores.
//!
//! `format::decode` checks what numbers point into (the names, the links, every kind's
//! records) before anything is used, with [`Rest::all_hold`]; what it leaves, the text and the
//! index, [`Rest::check`] checks before use (a command) or once the first frame is drawn (the
//! browser, `snapshot::Verify`).

use xxhash_rust::xxh3::xxh3_64;

use super::pread::Reader;
use super::text::Text;

/// What `format::decode` left to be checked when used: the text and the index.
pub struct Rest {
    text: &'static Text,
    index: (&'static [u8], u64),
    /// The file, to hash the parts from `pread` buffers rather than the map (`pread`).
    reader: Option<Reader>,
}

impl Rest {
    pub fn new(text: &'static Text, index: (&'static [u8], u64), reader: Option<Reader>) -> Self {
        Self { text, index, reader }
    }

    fn hash(&self, part: &[u8]) -> u64 {
        self.reader.as_ref().map_or_else(|| xxh3_64(part), |r| r.hash(part))
    }

    /// Whether every part's checksum holds (see [`all_hold`]).
    pub fn all_hold(&self, parts: &[(&[u8], u64)]) -> bool {
        all_hold(parts, &|bytes| self.hash(bytes))
    }

    /// Check the rest now (the text on both cores): true when every checksum holds.
    pub fn check(&self) -> bool {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| self.hash(self.index.0) == self.index.1);
            self.text.check(&|part: &[u8]| self.hash(part)) && other.join().unwrap_or(false)
        })
    }
}

/// Below this many bytes for a second thread, one thread hashes it all: starting a thread
/// costs more than it saves.
const SPLIT_FROM: usize = 1 << 20;

/// Whether `hash` gives every part its checksum, on two threads: the biggest parts first,
/// each to the thread with less to do (at 1M records the quotes are the biggest part, and
/// the two threads take 8–14 ms where one took 21, BENCHMARKS §16).
fn all_hold(parts: &[(&[u8], u64)], hash: &(dyn Fn(&[u8]) -> u64 + Sync)) -> bool {
    let mut parts = parts.to_vec();
    parts.sort_by_key(|(bytes, _)| std::cmp::Reverse(bytes.len()));
    let (mut mine, mut other, mut loads) = (Vec::new(), Vec::new(), [0usize; 2]);
    for part in parts {
        let lighter = usize::from(loads[1] < loads[0]);
        loads[lighter] += part.0.len();
        if lighter == 0 { mine.push(part) } else { other.push(part) }
    }
    let holds = |parts: &[(&[u8], u64)]| parts.iter().all(|&(bytes, sum)| hash(bytes) == sum);
    if loads[1] < SPLIT_FROM {
        return holds(&mine) && holds(&other);
    }
    std::thread::scope(|scope| {
        let theirs = scope.spawn(|| holds(&other));
        let ours = holds(&mine);
        theirs.join().unwrap_or(false) && ours
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whichever thread a part lands on, and whether or not a second thread is used, one
    /// wrong checksum fails the whole.
    #[test]
    fn one_wrong_checksum_on_either_thread_fails_the_whole() {
        for sizes in [&[3 << 20, 2 << 20, 1 << 20, 100, 0][..], &[10, 20, 30][..]] {
            let buffers: Vec<Vec<u8>> = sizes.iter().enumerate().map(|(i, &n)| vec![i as u8; n]).collect();
            let parts: Vec<(&[u8], u64)> = buffers.iter().map(|b| (b.as_slice(), xxh3_64(b))).collect();
            assert!(all_hold(&parts, &xxh3_64), "{sizes:?}");
            for wrong in 0..parts.len() {
                let mut damaged = parts.clone();
                damaged[wrong].1 ^= 1;
                assert!(!all_hold(&damaged, &xxh3_64), "{sizes:?}: part {wrong}");
            }
        }
    }
}
