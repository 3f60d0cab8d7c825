//! Mapping a snapshot file into memory: the one `unsafe` call of the crate.
//!
//! Reading a 1M-record snapshot with `read()` copies ≈ 300 MB before anything can start;
//! mapping it costs page-table work only for the pages that are used (the browser's first
//! frame touches a few of them). The map is leaked on purpose, like a loaded JSON file's
//! bytes: the process keeps one dataset until it exits.

#![allow(unsafe_code)]

use std::fs::File;

/// The file's bytes, mapped read-only for the rest of the process.
///
/// Falls back to reading the file when it cannot be mapped (an empty file cannot be).
pub fn map(file: &File) -> std::io::Result<&'static [u8]> {
    // SAFETY: a mapping is only sound while nobody changes the file under it. defiant never
    // writes a snapshot in place: a new one is written to a temporary file and renamed over
    // the old name (`store::write_atomically`), and `cache clear` unlinks; either way this
    // mapping keeps the old inode, whose bytes never change. A process outside defiant
    // that truncated or rewrote the file in place would be writing into the user's own
    // private cache directory (0700); that is the same trust every mmap-ing cache (git's
    // pack files, ripgrep's inputs) places in its files. Every byte read from the map is
    // checked (checksums, UTF-8, ranges) before it is used.
    match unsafe { memmap2::Mmap::map(file) } {
        Ok(map) => Ok(Box::leak(Box::new(map))),
        Err(_) => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut &*file, &mut bytes)?;
            Ok(bytes.leak())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn a_mapped_file_reads_as_written_and_a_rename_over_it_leaves_the_map_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.snap");
        std::fs::write(&path, b"first version").unwrap_or_else(|e| panic!("{e}"));
        let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let bytes = super::map(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bytes, b"first version");
        let next = dir.path().join("b.tmp");
        let mut f = std::fs::File::create(&next).unwrap_or_else(|e| panic!("{e}"));
        f.write_all(b"second").unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(&next, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bytes, b"first version");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap_or_else(|e| panic!("{e}"));
        let file = std::fs::File::open(&empty).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(super::map(&file).unwrap_or_else(|e| panic!("{e}")), b"");
    }
}
