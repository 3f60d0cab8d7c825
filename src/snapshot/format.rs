//! The snapshot file: a header, then sections.
//!
//! ```text
//! header  (HEADER_LEN bytes, little-endian)
//!   0  magic "DFNTSNAP"            8  format version (u32)     12 section count (u32)
//!   16 defiant version (32 bytes, NUL-padded)
//!   48 key: device, inode, size (u64 each), mtime s (i64), mtime ns (u32), ctime ns (u32),
//!      ctime s (i64)                                    (see `Key`)
//!   96 per section: offset, length, xxh3 of its bytes (u64 each)
//!   …  xxh3 of everything above (u64)
//! sections, each at a multiple of 8
//!   TEXT     every string something points to (UTF-8), once: first the search index's,
//!            in its order, then the rest (`codec::Encoder`)
//!   SUMS     the length of TEXT's part the index reads (u64), then the xxh3 of each
//!            1 MiB chunk of TEXT (`text`), checked as it is read
//!   RECORDS  a table of parts (count, then offset, length and xxh3 of each), then the
//!            parts: the series, then each kind's records (`codec`), strings as ranges of TEXT
//!   NAMES    every record's id and label as ranges of TEXT (`data::Names`)
//!   LINKS    the link graph (`data::links`)
//!   REPORT   the load's warnings (`codec`)
//!   INDEX    the search index (`search::stored`)
//!   SOURCE   the dataset file's path, for `defiant cache info`
//! ```
//!
//! Each kind's records are a part of their own, checked when the file is opened and
//! decoded only when first read (see `data::Records`); the index is checked and read when
//! first used: a search or a first frame never decodes a million quotes, and a first frame
//! never reads the index.
//!
//! A file is used only when every check passes: magic, versions, the header's checksum,
//! the key, the lengths and each section's checksum, then the text's UTF-8 and every range
//! while decoding. Anything else is an error, and the caller builds a new snapshot.

use std::io::{self, Write};

use xxhash_rust::xxh3::xxh3_64;

use serde::Deserialize;

use super::checks::Rest;
use super::codec::{Decoder, Encoder};
use super::text::{self, Text};
use crate::data::diagnostic::{Diagnostic, Report};
use crate::data::model::Series;
use crate::data::{Dataset, Loaded, Names, Records, Stored};
use crate::search::{Arrays, SearchIndex};

pub const MAGIC: [u8; 8] = *b"DFNTSNAP";
/// Bumped whenever what is stored changes: the model (a field, a kind), the report, the
/// index or this layout. `tests` pins the encoding of a fixture to this number.
pub const VERSION: u32 = 5;
pub const DEFIANT_VERSION: &str = env!("CARGO_PKG_VERSION");

const SECTIONS: usize = 8;
const TEXT: usize = 0;
const SUMS: usize = 1;
const RECORDS: usize = 2;
const NAMES: usize = 3;
const LINKS: usize = 4;
const REPORT: usize = 5;
const INDEX: usize = 6;
const SOURCE: usize = 7;
const TABLE_AT: usize = 96;
pub const HEADER_LEN: usize = TABLE_AT + SECTIONS * 24 + 8;

/// What identifies the bytes of a dataset file without reading them: where it is (device
/// and inode: a file replaced by a rename is another inode), its size, and when it last
/// changed (mtime, which `touch` can set back, and ctime, which nothing but the clock sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Key {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
}

impl Key {
    fn write(&self, out: &mut Vec<u8>) {
        for n in [self.device, self.inode, self.size] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&self.mtime.0.to_le_bytes());
        out.extend_from_slice(&self.mtime.1.to_le_bytes());
        out.extend_from_slice(&self.ctime.1.to_le_bytes());
        out.extend_from_slice(&self.ctime.0.to_le_bytes());
    }

    fn read(b: &[u8]) -> Key {
        Key {
            device: u64_at(b, 0),
            inode: u64_at(b, 8),
            size: u64_at(b, 16),
            mtime: (u64_at(b, 24) as i64, u32_at(b, 32)),
            ctime: (u64_at(b, 40) as i64, u32_at(b, 36)),
        }
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut n = [0u8; 8];
    n.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(n)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut n = [0u8; 4];
    n.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(n)
}

/// What the header says, once its checksum holds.
#[derive(Debug, Clone)]
pub struct Header {
    pub key: Key,
    sections: [(usize, usize, u64); SECTIONS],
}

#[cfg(test)]
impl Header {
    /// Where the names, the links and the records lie in the file (tests damage them).
    pub fn checked_at_decode(&self) -> [std::ops::Range<usize>; 3] {
        [NAMES, LINKS, RECORDS].map(|i| self.sections[i].0..self.sections[i].0 + self.sections[i].1)
    }
}

/// Why a file is not a usable snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    /// Not a snapshot at all (another file in the cache directory, or garbage).
    Foreign,
    /// A snapshot of another format or another defiant.
    Version,
    /// The header or a section does not match its checksum, or is cut short.
    Corrupt(String),
    /// Built from other bytes than the file has now.
    Stale,
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::Foreign => f.write_str("not a snapshot"),
            Reject::Version => f.write_str("made by another version"),
            Reject::Corrupt(why) => write!(f, "corrupt ({why})"),
            Reject::Stale => f.write_str("stale (the file changed)"),
        }
    }
}

/// The whole snapshot of a loaded dataset and its index, as bytes (see [`write`]).
#[cfg(test)]
pub fn encode(loaded: &Loaded, index: &SearchIndex, key: Key, source: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    write(loaded, index, key, source, &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Write the snapshot of a loaded dataset and its index to `out`, front to back. The text
/// holds what the index and the records point to, not the whole file (a search then reads
/// a part of it, see `text`); the link graph is built on another core while the records
/// are encoded.
pub fn write(loaded: &Loaded, index: &SearchIndex, key: Key, source: &str, out: &mut impl Write) -> io::Result<()> {
    let data = &loaded.dataset;
    let mut encoder = Encoder::new(data.file_text());
    // The index's strings first, in its order: the part of the text a search reads.
    let mut index_bytes = Vec::new();
    index.write_to(&mut index_bytes, &mut |start, end| encoder.copy_from_base(start, end)).map_err(io::Error::other)?;
    let searched = encoder.text.len();
    let mut links = Vec::new();
    let (records, names) = std::thread::scope(|scope| {
        let graph = scope.spawn(|| data.write_links(&mut links));
        let encoded = encode_records(&mut encoder, data).and_then(|records| {
            let mut names = Vec::new();
            let mut failed = None;
            data.write_names(&mut names, &mut |text| {
                encoder.place(text).unwrap_or_else(|e| {
                    failed = Some(e);
                    (0, 0)
                })
            });
            failed.map_or(Ok((records, names)), Err)
        });
        let _ = graph.join();
        encoded
    })
    .map_err(io::Error::other)?;
    let (diagnostics, uncounted) = loaded.report.stored();
    encoder.encode(&(diagnostics, uncounted)).map_err(io::Error::other)?;
    let report = std::mem::take(&mut encoder.out);
    let text_bytes = encoder.text.as_bytes();
    let sums = text::sums_of(text_bytes, searched);

    // Every section's place and checksum is known before the first byte is written.
    let lengths = [
        text_bytes.len(),
        sums.len(),
        records.len(),
        names.len(),
        links.len(),
        report.len(),
        index_bytes.len(),
        source.len(),
    ];
    let bodies: [&[u8]; SECTIONS] = [&[], &sums, &records, &names, &links, &report, &index_bytes, source.as_bytes()];
    let mut table = [(0usize, 0usize, 0u64); SECTIONS];
    let mut at = HEADER_LEN;
    for i in 0..SECTIONS {
        at = at.next_multiple_of(8);
        // TEXT is checked chunk by chunk (SUMS), never as a whole; RECORDS by its table here,
        // each part by the table.
        let hash = match i {
            TEXT => 0,
            RECORDS => xxh3_64(&records[..4 + u32_at(&records, 0) as usize * PART]),
            _ => xxh3_64(bodies[i]),
        };
        table[i] = (at, lengths[i], hash);
        at += lengths[i];
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(&MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
    let mut name = [0u8; 32];
    let version = DEFIANT_VERSION.as_bytes();
    name[..version.len().min(32)].copy_from_slice(&version[..version.len().min(32)]);
    header.extend_from_slice(&name);
    key.write(&mut header);
    for (offset, len, hash) in table {
        for n in [offset as u64, len as u64, hash] {
            header.extend_from_slice(&n.to_le_bytes());
        }
    }
    let hash = xxh3_64(&header);
    header.extend_from_slice(&hash.to_le_bytes());
    debug_assert_eq!(header.len(), HEADER_LEN);

    out.write_all(&header)?;
    for i in 0..SECTIONS {
        out.write_all(&[0u8; 8][..table[i].0 - current(&table, i)])?;
        if i == TEXT {
            out.write_all(text_bytes)?;
        } else {
            out.write_all(bodies[i])?;
        }
    }
    Ok(())
}

/// Where the bytes before section `i` end: the header, or the end of section `i - 1`.
fn current(table: &[(usize, usize, u64); SECTIONS], i: usize) -> usize {
    if i == 0 { HEADER_LEN } else { table[i - 1].0 + table[i - 1].1 }
}

/// Read and check the header (not the sections).
pub fn header(bytes: &[u8]) -> Result<Header, Reject> {
    if bytes.len() < 16 || bytes[..8] != MAGIC {
        return Err(Reject::Foreign);
    }
    let version = u32_at(bytes, 8);
    if version != VERSION || u32_at(bytes, 12) as usize != SECTIONS {
        return Err(Reject::Version);
    }
    if bytes.len() < HEADER_LEN {
        return Err(Reject::Corrupt("header cut short".into()));
    }
    if xxh3_64(&bytes[..HEADER_LEN - 8]) != u64_at(bytes, HEADER_LEN - 8) {
        return Err(Reject::Corrupt("header checksum".into()));
    }
    let name = &bytes[16..48];
    if name[..name.iter().position(|&b| b == 0).unwrap_or(32)] != *DEFIANT_VERSION.as_bytes() {
        return Err(Reject::Version);
    }
    let mut sections = [(0usize, 0usize, 0u64); SECTIONS];
    for (i, section) in sections.iter_mut().enumerate() {
        let at = TABLE_AT + i * 24;
        *section = (u64_at(bytes, at) as usize, u64_at(bytes, at + 8) as usize, u64_at(bytes, at + 16));
    }
    Ok(Header { key: Key::read(&bytes[48..96]), sections })
}

impl Header {
    /// Section `i` and its checksum, once its bounds hold.
    fn unchecked<'b>(&self, bytes: &'b [u8], i: usize) -> Result<(&'b [u8], u64), Reject> {
        let (offset, len, hash) = self.sections[i];
        let part = offset
            .checked_add(len)
            .and_then(|end| bytes.get(offset..end))
            .ok_or_else(|| Reject::Corrupt("file cut short".into()))?;
        Ok((part, hash))
    }

    /// Section `i`, once its bounds and checksum hold.
    fn section<'b>(&self, bytes: &'b [u8], i: usize) -> Result<&'b [u8], Reject> {
        let (part, hash) = self.unchecked(bytes, i)?;
        if xxh3_64(part) != hash {
            return Err(Reject::Corrupt(format!("section {i} checksum")));
        }
        Ok(part)
    }

    /// The dataset file's path the snapshot was made from (for `cache info`).
    pub fn source(&self, bytes: &[u8]) -> Result<String, Reject> {
        Ok(String::from_utf8_lossy(self.section(bytes, SOURCE)?).into_owned())
    }
}

/// The dataset, its report (for the file now called `name`) and its index, from a
/// snapshot's bytes; every check is made before anything is used.
///
/// The names, the links and every kind's records are checked here, on both cores: the
/// names and links point at records by number, so a kind's records must be whole before
/// any is read. The text and the index are checked when first used: the text chunk by
/// chunk (a chunk that fails reads as empty strings: damaged bytes are never shown), the
/// index as a whole (a failed check reads as no index). [`Rest`] checks those at once,
/// before use (the command line) or once the first frame is drawn (the browser).
///
/// `reader`, when given, hashes the parts checked here and by [`Rest`] that a command may
/// not use (the links, the records, the index) from the file rather than the map.
pub fn decode(
    bytes: &'static [u8],
    header: &Header,
    name: &str,
    reader: Option<super::pread::Reader>,
) -> Result<(Loaded<'static>, SearchIndex<'static>, Rest), Reject> {
    let corrupt = |e: String| Reject::Corrupt(e);
    // Between sections only padding, and nothing after the last: every byte is checked.
    let mut at = HEADER_LEN;
    for &(offset, len, _) in &header.sections {
        let gap = bytes.get(at..offset).ok_or_else(|| corrupt("sections out of order".into()))?;
        if gap.len() >= 8 || gap.iter().any(|&b| b != 0) {
            return Err(corrupt("bytes between sections".into()));
        }
        at = offset.saturating_add(len);
    }
    if at != bytes.len() {
        return Err(corrupt("file length".into()));
    }
    let (text_bytes, _) = header.unchecked(bytes, TEXT)?;
    let text = Text::new(text_bytes, header.section(bytes, SUMS)?).ok_or_else(|| corrupt("text checksums".into()))?;
    let text: &'static Text = Box::leak(Box::new(text));
    let (records, records_hash) = header.unchecked(bytes, RECORDS)?;
    let parts = record_parts(records, records_hash)?;
    let (diagnostics, uncounted): (Vec<Diagnostic>, [usize; 2]) =
        Decoder::decode(header.section(bytes, REPORT)?, text).map_err(|e| corrupt(e.to_string()))?;
    header.section(bytes, SOURCE)?;
    let names = header.unchecked(bytes, NAMES)?;
    let links = header.unchecked(bytes, LINKS)?;
    let (index_bytes, index_hash) = header.unchecked(bytes, INDEX)?;
    let rest = Rest::new(text, (index_bytes, index_hash), reader);
    let before_use: Vec<_> = [names, links].into_iter().chain(parts.iter().copied()).collect();
    if !rest.all_hold(&before_use) {
        return Err(corrupt("names, links or records checksum".into()));
    }
    let (names, links) = (names.0, links.0);
    let (text, whole_text): (&'static dyn crate::data::Strings, &'static Text) = (text, text);
    let part = |i: usize| parts.get(i).map(|&(bytes, _)| bytes).ok_or(Reject::Corrupt("records part".into()));
    let series: Series = Decoder::decode(part(0)?, text).map_err(|e| corrupt(e.to_string()))?;
    // A kind added to the model is one more line here and in `encode_records`.
    let stored = Stored {
        series,
        episodes: lazy(part(1)?, text)?,
        themes: lazy(part(2)?, text)?,
        people: lazy(part(3)?, text)?,
        footage: lazy(part(4)?, text)?,
        quotes: lazy(part(5)?, text)?,
        sources: lazy(part(6)?, text)?,
        names: Names { table: names, text },
        links,
    };
    let dataset = Dataset::from_stored(stored);
    if names.len() != crate::data::Kind::ALL.iter().map(|&k| dataset.count(k)).sum::<usize>() * 16 {
        return Err(corrupt("names table".into()));
    }
    let counts = crate::data::Kind::ALL.map(|k| dataset.count(k));
    let index = SearchIndex::lazy(move || {
        let searched = whole_text.searched()?;
        (xxh3_64(index_bytes) == index_hash).then_some(())?;
        Arrays::read_from(index_bytes, counts, searched).ok()
    });
    let report = Report::from_stored(name, diagnostics, uncounted);
    Ok((Loaded { dataset, report }, index, rest))
}

/// The series, then each kind's records, each a part of its own (see the module doc).
fn encode_records(encoder: &mut Encoder, data: &Dataset) -> Result<Vec<u8>, super::codec::Error> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut part = |encoder: &mut Encoder, result: Result<(), super::codec::Error>| {
        result.map(|()| parts.push(std::mem::take(&mut encoder.out)))
    };
    let r = encoder.encode(&data.series);
    part(encoder, r)?;
    let r = encoder.encode(data.episodes.as_slice());
    part(encoder, r)?;
    let r = encoder.encode(data.themes.as_slice());
    part(encoder, r)?;
    let r = encoder.encode(data.people.as_slice());
    part(encoder, r)?;
    let r = encoder.encode(data.footage.as_slice());
    part(encoder, r)?;
    let r = encoder.encode(data.quotes.as_slice());
    part(encoder, r)?;
    let r = encoder.encode(data.sources.as_slice());
    part(encoder, r)?;
    let mut out = Vec::new();
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    let mut at = 4 + parts.len() * PART;
    for p in &parts {
        out.extend_from_slice(&(at as u32).to_le_bytes());
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(&xxh3_64(p).to_le_bytes());
        at += p.len();
    }
    for p in parts {
        out.extend_from_slice(&p);
    }
    Ok(out)
}

/// Bytes of one entry of the RECORDS table: offset and length (`u32`), xxh3 (`u64`).
const PART: usize = 16;

/// The RECORDS section's parts, each with its checksum (the table is checked now: it is
/// small; the parts by `decode`).
fn record_parts(bytes: &[u8], hash: u64) -> Result<Vec<(&[u8], u64)>, Reject> {
    let count = bytes.get(..4).map_or(0, |_| u32_at(bytes, 0) as usize);
    let table = count.checked_mul(PART).and_then(|n| bytes.get(..n.checked_add(4)?));
    if count == 0 || table.is_none_or(|t| xxh3_64(t) != hash) {
        return Err(Reject::Corrupt("records table".into()));
    }
    (0..count)
        .map(|i| {
            let at = 4 + i * PART;
            let (offset, len) = (u32_at(bytes, at) as usize, u32_at(bytes, at + 4) as usize);
            let part = offset.checked_add(len).and_then(|end| bytes.get(offset..end));
            part.map(|p| (p, u64_at(bytes, at + 8))).ok_or(Reject::Corrupt("records part".into()))
        })
        .collect()
}

/// One kind's records, decoded on first use (`decode` checked them); their count is read
/// now. The map cannot change under us (`map.rs`), so they are not hashed again.
fn lazy<T: Deserialize<'static> + Send + Sync + 'static>(
    part: &'static [u8],
    text: &'static dyn crate::data::Strings,
) -> Result<Records<'static, T>, Reject> {
    let len = part.get(..4).map(|_| u32_at(part, 0) as usize).ok_or(Reject::Corrupt("records part".into()))?;
    Ok(Records::lazy(len, move || Decoder::decode::<Vec<T>>(part, text).ok()))
}
