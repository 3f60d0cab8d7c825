//! Checking a mapped snapshot's parts without faulting them into the process.
//!
//! A command checks every part of a snapshot before it uses any (see `checks::Rest`); a
//! checksum computed over the map would make every page of the file resident in the
//! process, and count in its RSS, whether the command then uses it or not (a search reads
//! the names and the index, never the links, and the records only of the kinds it shows).
//! So the parts are hashed from `pread` buffers of the same file instead: the bytes are the
//! same (the file is never written in place, see `map.rs`), they pass through the page
//! cache, and only what is used later is mapped in.

use std::fs::File;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Bytes read per `pread`.
const BUFFER: usize = 1 << 20;

/// The mapped file, to read parts of it again.
pub struct Reader {
    file: File,
    base: usize,
    len: usize,
}

impl Reader {
    pub fn new(file: File, map: &[u8]) -> Self {
        Self { file, base: map.as_ptr() as usize, len: map.len() }
    }

    /// The xxh3 of `part` (a slice of the map), read from the file; from the map itself
    /// when it cannot be read (the answer is the same, only the pages differ).
    pub fn hash(&self, part: &[u8]) -> u64 {
        self.read_hash(part).unwrap_or_else(|| xxh3_64(part))
    }

    #[cfg(unix)]
    fn read_hash(&self, part: &[u8]) -> Option<u64> {
        use std::os::unix::fs::FileExt;
        let offset = (part.as_ptr() as usize).checked_sub(self.base)?;
        (offset.checked_add(part.len())? <= self.len).then_some(())?;
        if part.len() <= BUFFER / 16 {
            return None; // small: the map is cheaper than a read
        }
        // One buffer per thread: the text is hashed a chunk per call, and a fresh buffer
        // would be faulted in again for each.
        thread_local! {
            static BUFFER_OF_THREAD: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER_OF_THREAD.with_borrow_mut(|buffer| {
            buffer.resize(BUFFER.min(part.len()).max(buffer.len()), 0);
            let mut hasher = Xxh3::new();
            let mut at = 0;
            while at < part.len() {
                let n = BUFFER.min(part.len() - at);
                self.file.read_exact_at(&mut buffer[..n], (offset + at) as u64).ok()?;
                hasher.update(&buffer[..n]);
                at += n;
            }
            Some(hasher.digest())
        })
    }

    #[cfg(not(unix))]
    fn read_hash(&self, _: &[u8]) -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_hashed_from_the_file_hashes_as_from_the_map() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.snap");
        let bytes: Vec<u8> = (0..(3 * BUFFER + 12345)).map(|i| (i * 7 % 253) as u8).collect();
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        let file = File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let map = super::super::map::map(&file).unwrap_or_else(|e| panic!("{e}"));
        let reader = Reader::new(file, map);
        for (from, to) in [(0, map.len()), (17, BUFFER + 3), (BUFFER, 3 * BUFFER), (5, 9)] {
            assert_eq!(
                reader.read_hash(&map[from..to]).unwrap_or_else(|| xxh3_64(&map[from..to])),
                xxh3_64(&bytes[from..to])
            );
            assert_eq!(reader.hash(&map[from..to]), xxh3_64(&bytes[from..to]));
        }
        assert!(reader.read_hash(&map[..map.len()]).is_some(), "a big part is read, not mapped");
        assert_eq!(reader.hash(&bytes[..100_000]), xxh3_64(&bytes[..100_000]), "not of the map: hashed as given");
    }
}
