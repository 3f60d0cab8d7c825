//! A snapshot's text, checked as it is read: in chunks of [`CHUNK`] bytes, each with its
//! own xxh3, so the browser's first frame (a few dozen labels) checks a few chunks, not
//! the whole text of a 1M-record dataset.
//!
//! The text holds only the strings something points to (see `codec::Encoder`), the ones
//! the search index reads first: a search reads that part, [`Text::searched`], in full
//! (its chunks checked on both cores, its UTF-8 once) and never the rest, so the rest is
//! never resident in a search (`Text::check` hashes it through `pread`).

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
    /// Bytes from the start that the search index reads.
    searched_len: usize,
    state: Box<[AtomicU8]>,
    searched: OnceLock<Option<&'static str>>,
}

/// The SUMS section for `text` whose first `searched` bytes are what the index reads: that
/// length (`u64`), then the xxh3 of each chunk, little-endian.
pub fn sums_of(text: &[u8], searched: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + text.len().div_ceil(CHUNK) * 8);
    out.extend_from_slice(&(searched as u64).to_le_bytes());
    for chunk in text.chunks(CHUNK) {
        out.extend_from_slice(&xxh3_64(chunk).to_le_bytes());
    }
    out
}

impl Text {
    /// `None` when `sums` is not a length within the text and one checksum per chunk.
    pub fn new(bytes: &'static [u8], sums: &'static [u8]) -> Option<Self> {
        let chunks = bytes.len().div_ceil(CHUNK);
        let (head, sums) = sums.split_at_checked(8)?;
        let searched_len = usize::try_from(u64::from_le_bytes(head.try_into().ok()?)).ok()?;
        (sums.len() == chunks * 8 && searched_len <= bytes.len()).then(|| Self {
            bytes,
            sums,
            searched_len,
            state: (0..chunks).map(|_| AtomicU8::new(UNKNOWN)).collect(),
            searched: OnceLock::new(),
        })
    }

    fn sum(&self, i: usize) -> u64 {
        let mut want = [0u8; 8];
        want.copy_from_slice(&self.sums[i * 8..i * 8 + 8]);
        u64::from_le_bytes(want)
    }

    fn chunk(&self, i: usize) -> &'static [u8] {
        &self.bytes[i * CHUNK..((i + 1) * CHUNK).min(self.bytes.len())]
    }

    /// Chunk `i` checked, hashing it with `hash` the first time.
    fn chunk_ok_by(&self, i: usize, hash: &dyn Fn(&[u8]) -> u64) -> bool {
        match self.state[i].load(Ordering::Acquire) {
            GOOD => true,
            BAD => false,
            _ => {
                let ok = hash(self.chunk(i)) == self.sum(i);
                self.state[i].store(if ok { GOOD } else { BAD }, Ordering::Release);
                ok
            }
        }
    }

    fn chunk_ok(&self, i: usize) -> bool {
        self.chunk_ok_by(i, &xxh3_64)
    }

    /// Chunks that hold bytes of the searched part.
    fn searched_chunks(&self) -> usize {
        self.searched_len.div_ceil(CHUNK)
    }

    /// The part the search index reads, once its chunks and its UTF-8 are checked (on both
    /// cores); `None` if any is bad.
    pub fn searched(&self) -> Option<&'static str> {
        *self.searched.get_or_init(|| {
            let n = self.searched_chunks();
            let split = n / 4;
            let (utf8, rest) = std::thread::scope(|scope| {
                let rest = scope.spawn(|| (split..n).all(|i| self.chunk_ok(i)));
                let first = (0..split).all(|i| self.chunk_ok(i));
                let utf8 = std::str::from_utf8(&self.bytes[..self.searched_len]).ok().filter(|_| first);
                (utf8, rest.join().unwrap_or(false))
            });
            utf8.filter(|_| rest)
        })
    }

    /// Check every chunk now: the searched part as [`searched`](Self::searched) does, the
    /// rest hashed by `cold` (from `pread` buffers, so a command that checks it does not
    /// make it resident); true when every checksum holds.
    pub fn check(&self, cold: &(dyn Fn(&[u8]) -> u64 + Sync)) -> bool {
        let (from, to) = (self.searched_chunks(), self.state.len());
        std::thread::scope(|scope| {
            let half = from + (to - from) / 2;
            let other = scope.spawn(move || (half..to).all(|i| self.chunk_ok_by(i, cold)));
            let searched = self.searched().is_some();
            let mine = (from..half).all(|i| self.chunk_ok_by(i, cold));
            searched && mine && other.join().unwrap_or(false)
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
        if end <= self.searched_len
            && let Some(Some(searched)) = self.searched.get()
        {
            return searched.get(start..end);
        }
        std::str::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        bytes.leak()
    }

    #[test]
    fn the_searched_part_and_the_rest_are_checked_chunk_by_chunk() {
        let whole: Vec<u8> = (0..(3 * CHUNK + 17)).map(|i| b'a' + (i % 26) as u8).collect();
        let searched = CHUNK + 5;
        let sums = sums_of(&whole, searched);
        assert_eq!(sums.len(), 8 + 4 * 8);
        let text = Text::new(leak(whole.clone()), leak(sums.clone())).unwrap_or_else(|| panic!("a good text"));
        assert_eq!(text.searched().map(str::len), Some(searched));
        assert!(text.check(&xxh3_64));
        let tail = String::from_utf8(whole[3 * CHUNK..3 * CHUNK + 3].to_vec()).unwrap_or_default();
        assert_eq!(text.get(3 * CHUNK, 3), Some(tail.as_str()));

        let mut damaged = whole.clone();
        damaged[2 * CHUNK + 1] ^= 1;
        let text = Text::new(leak(damaged.clone()), leak(sums.clone())).unwrap_or_else(|| panic!("same shape"));
        assert!(text.searched().is_some(), "the damage is past the searched part");
        assert_eq!(text.get(2 * CHUNK, 4), Some(""), "a damaged chunk reads as empty");
        assert!(!text.check(&xxh3_64));

        damaged[CHUNK + 1] ^= 1;
        let text = Text::new(leak(damaged), leak(sums.clone())).unwrap_or_else(|| panic!("same shape"));
        assert_eq!(text.searched(), None);

        let mut long = sums.clone();
        long[..8].copy_from_slice(&(whole.len() as u64 + 1).to_le_bytes());
        assert!(Text::new(leak(whole.clone()), leak(long)).is_none(), "a searched part past the text");
        assert!(Text::new(leak(whole), leak(sums[..sums.len() - 8].to_vec())).is_none(), "a sum missing");
    }
}
