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
//!   TEXT     the dataset file's text, then every string not in it (UTF-8)
//!   RECORDS  the sanitized records (`codec`), strings as ranges of TEXT
//!   REPORT   the load's warnings (`codec`)
//!   INDEX    the search index (`search::stored`)
//!   SOURCE   the dataset file's path, for `defiant cache info`
//! ```
//!
//! A file is used only when every check passes: magic, versions, the header's checksum,
//! the key, the lengths and each section's checksum, then the text's UTF-8 and every range
//! while decoding. Anything else is an error, and the caller builds a new snapshot.

use xxhash_rust::xxh3::xxh3_64;

use super::codec::{Decoder, Encoder};
use crate::data::diagnostic::{Diagnostic, Report};
use crate::data::model::DatasetFile;
use crate::data::{Dataset, Loaded};
use crate::search::SearchIndex;

pub const MAGIC: [u8; 8] = *b"DFNTSNAP";
/// Bumped whenever what is stored changes: the model (a field, a kind), the report, the
/// index or this layout. `tests` pins the encoding of a fixture to this number.
pub const VERSION: u32 = 1;
pub const DEFIANT_VERSION: &str = env!("CARGO_PKG_VERSION");

const SECTIONS: usize = 5;
const TEXT: usize = 0;
const RECORDS: usize = 1;
const REPORT: usize = 2;
const INDEX: usize = 3;
const SOURCE: usize = 4;
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

fn pad8(out: &mut Vec<u8>) {
    while out.len() % 8 != 0 {
        out.push(0);
    }
}

/// The whole snapshot of a loaded dataset and its index, as bytes.
pub fn encode(loaded: &Loaded, index: &SearchIndex, key: Key, source: &str) -> Result<Vec<u8>, String> {
    let data = &loaded.dataset;
    let base = data.file_text();
    let mut encoder = Encoder::new(base);
    encoder.encode(&data.as_file()).map_err(|e| e.to_string())?;
    let records = std::mem::take(&mut encoder.out);
    let (diagnostics, uncounted) = loaded.report.stored();
    encoder.encode(&(diagnostics, uncounted)).map_err(|e| e.to_string())?;
    let report = std::mem::take(&mut encoder.out);
    let mut index_bytes = Vec::new();
    index.write_to(&mut index_bytes);

    let mut out = vec![0u8; HEADER_LEN];
    let mut table = [(0usize, 0usize, 0u64); SECTIONS];
    let parts: [&[u8]; SECTIONS] = [base.as_bytes(), &records, &report, &index_bytes, source.as_bytes()];
    for (i, part) in parts.iter().enumerate() {
        pad8(&mut out);
        let start = out.len();
        out.extend_from_slice(part);
        if i == TEXT {
            out.extend_from_slice(encoder.tail.as_bytes());
        }
        table[i] = (start, out.len() - start, xxh3_64(&out[start..]));
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
    out[..HEADER_LEN].copy_from_slice(&header);
    Ok(out)
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
    /// Section `i`, once its bounds and checksum hold.
    fn section<'b>(&self, bytes: &'b [u8], i: usize) -> Result<&'b [u8], Reject> {
        let (offset, len, hash) = self.sections[i];
        let part = offset
            .checked_add(len)
            .and_then(|end| bytes.get(offset..end))
            .ok_or_else(|| Reject::Corrupt("file cut short".into()))?;
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
pub fn decode<'b>(bytes: &'b [u8], header: &Header, name: &str) -> Result<(Loaded<'b>, SearchIndex<'b>), Reject> {
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
    let text = std::str::from_utf8(header.section(bytes, TEXT)?).map_err(|_| corrupt("text is not UTF-8".into()))?;
    let file: DatasetFile<'b> =
        Decoder::decode(header.section(bytes, RECORDS)?, text).map_err(|e| corrupt(e.to_string()))?;
    let (diagnostics, uncounted): (Vec<Diagnostic>, [usize; 2]) =
        Decoder::decode(header.section(bytes, REPORT)?, text).map_err(|e| corrupt(e.to_string()))?;
    header.section(bytes, SOURCE)?;
    let dataset = Dataset::from_stored(file, text);
    let index = SearchIndex::read_from(header.section(bytes, INDEX)?, &dataset).map_err(corrupt)?;
    let report = Report::from_stored(name, diagnostics, uncounted);
    Ok((Loaded { dataset, report }, index))
}
