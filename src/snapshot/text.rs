//! A snapshot's text, checked as it is read: in chunks of [`CHUNK`] bytes, each with its
//! own xxh3, so the browser's first frame (a few dozen labels) checks a few chunks, not
//! the 269 MB of a 1M-record dataset; a search, which reads all of it, checks all of it
//! (on both cores) and its UTF-8 once.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use xxhash_rust::xxh3::xxh3_64;

use crate::data::Strings;

pub const CHUNK: usize = 1 << 20;

const UNKNOWN: u8 = 0;
const GOOD: u8 = 1;
const BAD: u8 = 2;

pub struct Text {
    bytes: &'static [u8],
    sums: &'static [u8],
    state: Box<[AtomicU8]>,
    whole: OnceLock<Option<&'static str>>,
}

/// The xxh3 of each chunk of `head` then `tail` taken as one text, little-endian.
pub fn sums_of(head: &[u8], tail: &[u8]) -> Vec<u8> {
    let total = head.len() + tail.len();
    let mut out = Vec::with_capacity(total.div_ceil(CHUNK) * 8);
    let mut start = 0;
    while start < total {
        let end = (start + CHUNK).min(total);
        let hash = if end <= head.len() {
            xxh3_64(&head[start..end])
        } else if start >= head.len() {
            xxh3_64(&tail[start - head.len()..end - head.len()])
        } else {
            // The one chunk that spans both.
            let mut chunk = head[start..].to_vec();
            chunk.extend_from_slice(&tail[..end - head.len()]);
            xxh3_64(&chunk)
        };
        out.extend_from_slice(&hash.to_le_bytes());
        start = end;
    }
    out
}

impl Text {
    /// `None` when `sums` is not one checksum per chunk.
    pub fn new(bytes: &'static [u8], sums: &'static [u8]) -> Option<Self> {
        let chunks = bytes.len().div_ceil(CHUNK);
        (sums.len() == chunks * 8).then(|| Self {
            bytes,
            sums,
            state: (0..chunks).map(|_| AtomicU8::new(UNKNOWN)).collect(),
            whole: OnceLock::new(),
        })
    }

    fn chunk_ok(&self, i: usize) -> bool {
        match self.state[i].load(Ordering::Acquire) {
            GOOD => true,
            BAD => false,
            _ => {
                let chunk = &self.bytes[i * CHUNK..((i + 1) * CHUNK).min(self.bytes.len())];
                let mut want = [0u8; 8];
                want.copy_from_slice(&self.sums[i * 8..i * 8 + 8]);
                let ok = xxh3_64(chunk) == u64::from_le_bytes(want);
                self.state[i].store(if ok { GOOD } else { BAD }, Ordering::Release);
                ok
            }
        }
    }

    /// The whole text, once every chunk and its UTF-8 are checked; `None` if any is bad.
    pub fn all(&self) -> Option<&'static str> {
        *self.whole.get_or_init(|| {
            let n = self.state.len();
            let split = n / 4;
            let (utf8, rest) = std::thread::scope(|scope| {
                let rest = scope.spawn(|| (split..n).all(|i| self.chunk_ok(i)));
                let first = (0..split).all(|i| self.chunk_ok(i));
                let utf8 = std::str::from_utf8(self.bytes).ok().filter(|_| first);
                (utf8, rest.join().unwrap_or(false))
            });
            utf8.filter(|_| rest)
        })
    }
}

impl Strings for Text {
    /// A string out of range is `None` (the structure that pointed there is bad); a string
    /// in a chunk whose checksum fails reads as empty, so damaged bytes are never shown and
    /// the records around it still decode (the browser goes on; the snapshot is removed).
    fn get(&self, start: usize, len: usize) -> Option<&str> {
        let end = start.checked_add(len)?;
        let bytes = self.bytes.get(start..end)?;
        if len > 0 && !(start / CHUNK..=(end - 1) / CHUNK).all(|i| self.chunk_ok(i)) {
            return Some("");
        }
        if let Some(Some(whole)) = self.whole.get() {
            return whole.get(start..end);
        }
        std::str::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_sums_of_two_pieces_are_those_of_the_whole() {
        let whole: Vec<u8> = (0..(3 * CHUNK + 17)).map(|i| (i % 251) as u8).collect();
        let expected: Vec<u8> = whole.chunks(CHUNK).flat_map(|c| xxh3_64(c).to_le_bytes()).collect();
        for split in [0, 5, CHUNK, CHUNK + 1, 2 * CHUNK - 3, whole.len()] {
            assert_eq!(sums_of(&whole[..split], &whole[split..]), expected, "split at {split}");
        }
    }
}
