//! The index as bytes, for the dataset snapshot (`crate::snapshot`): written once after a
//! build, read back in place instead of building again.
//!
//! Little-endian, fixed widths, each array at a multiple of 4 bytes from the start:
//!
//! ```text
//! six u32     record bounds, fields, own bytes, folded bytes, copies, 0
//! u32 each    the record bounds (`record_fields`)
//! 2 u32 each  the fields' ranges
//! 1 byte each the fields' meta bytes (code and flags)
//! bytes       the two arenas, own then folded, then zeros to a multiple of 4
//! 4 u32 each  the copies
//! ```
//!
//! The records themselves are not stored: they are every record in kind order, then file
//! order, which the dataset's counts give. Reading borrows the arrays from the bytes (on
//! a little-endian machine, from bytes aligned as a mapped file's are), and checks what
//! the matcher relies on (codes, flags, bounds, the copies' order); a range that is out of
//! bounds reads as an empty field, never a panic.

use std::borrow::Cow;

use super::index::{ASCII, Arrays, CODE, Field, IN_FILE};
use crate::data::Kind;

/// Every field, at the index of its code in the stored form.
pub(super) const FIELDS: [Field; 17] = [
    Field::Name,
    Field::Title,
    Field::Headline,
    Field::Aka,
    Field::Speaker,
    Field::Artist,
    Field::Id,
    Field::Text,
    Field::Description,
    Field::Summary,
    Field::Events,
    Field::Roles,
    Field::Publication,
    Field::Context,
    Field::Event,
    Field::People,
    Field::Themes,
];

/// A field's code: a match, so a new field does not compile until it has one (then add it
/// to `FIELDS` and bump the snapshot's format version).
pub(super) fn code(field: Field) -> u8 {
    match field {
        Field::Name => 0,
        Field::Title => 1,
        Field::Headline => 2,
        Field::Aka => 3,
        Field::Speaker => 4,
        Field::Artist => 5,
        Field::Id => 6,
        Field::Text => 7,
        Field::Description => 8,
        Field::Summary => 9,
        Field::Events => 10,
        Field::Roles => 11,
        Field::Publication => 12,
        Field::Context => 13,
        Field::Event => 14,
        Field::People => 15,
        Field::Themes => 16,
    }
}

fn put(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Reads the stored form front to back.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn bytes(&mut self, n: usize) -> Result<&'b [u8], String> {
        if n > self.0.len() {
            return Err("index section truncated".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    /// `n` arrays of `N` little-endian `u32`s: in place when they can be, else copied.
    fn words<const N: usize>(&mut self, n: usize) -> Result<Cow<'b, [[u32; N]]>, String> {
        let bytes = self.bytes(n.checked_mul(4 * N).ok_or("index count overflows")?)?;
        if cfg!(target_endian = "little")
            && let Ok(in_place) = bytemuck::try_cast_slice(bytes)
        {
            return Ok(Cow::Borrowed(in_place));
        }
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        Ok(Cow::Owned(bytes.chunks_exact(4 * N).map(|c| std::array::from_fn(|k| word(&c[4 * k..]))).collect()))
    }

    fn text(&mut self, n: usize) -> Result<&'b str, String> {
        std::str::from_utf8(self.bytes(n)?).map_err(|_| "index text is not UTF-8".into())
    }
}

impl<'a> Arrays<'a> {
    /// Append the stored form of this index. `place` says where each in-file range
    /// (`start..end` of the dataset's file text) is in the text the stored index will be
    /// read with, `None` when it cannot be placed (which fails the write).
    pub fn write_to(
        &self,
        out: &mut Vec<u8>,
        place: &mut dyn FnMut(usize, usize) -> Option<usize>,
    ) -> Result<(), String> {
        let start = out.len();
        let sizes = [self.record_fields.len(), self.ranges.len(), self.own.len(), self.folded.len(), self.copies.len()];
        for n in sizes.into_iter().chain([0]) {
            put(out, u32::try_from(n).map_err(|_| "an index over 4 GiB")?);
        }
        for &n in self.record_fields.iter() {
            put(out, n);
        }
        for (&[start, end], &meta) in self.ranges.iter().zip(self.meta.iter()) {
            let (start, end) = if meta & IN_FILE != 0 {
                let at = place(start as usize, end as usize).ok_or("an index field outside the file text")?;
                let at = u32::try_from(at).map_err(|_| "a text over 4 GiB")?;
                (at, at + (end - start))
            } else {
                (start, end)
            };
            put(out, start);
            put(out, end);
        }
        out.extend_from_slice(&self.meta);
        out.extend_from_slice(self.own.as_bytes());
        out.extend_from_slice(self.folded.as_bytes());
        out.resize(start + (out.len() - start).next_multiple_of(4), 0);
        for c in self.copies.iter() {
            for &n in c {
                put(out, n);
            }
        }
        Ok(())
    }

    /// Read an index stored by [`write_to`](Self::write_to) for a dataset with `counts`
    /// records of each kind, whose in-file ranges are ranges of `file_text`, borrowing its
    /// arrays from `bytes` (see the module doc).
    pub fn read_from(bytes: &'a [u8], counts: [usize; Kind::ALL.len()], file_text: &'a str) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let sizes = r.words::<6>(1)?.first().copied().ok_or("index section truncated")?;
        let [n_bounds, n_fields, own_len, folded_len, n_copies, _] = sizes.map(|n| n as usize);
        if n_bounds != counts.iter().sum::<usize>() + 1 {
            return Err("index does not match the records".into());
        }
        let record_fields: Cow<[u32]> = match r.words::<1>(n_bounds)? {
            Cow::Borrowed(words) => Cow::Borrowed(bytemuck::cast_slice(words)),
            Cow::Owned(words) => Cow::Owned(words.into_iter().map(|[n]| n).collect()),
        };
        let ranges = r.words::<2>(n_fields)?;
        let meta = r.bytes(n_fields)?;
        let own = r.text(own_len)?;
        let folded = r.text(folded_len)?;
        r.bytes((own_len + folded_len + n_fields).next_multiple_of(4) - (own_len + folded_len + n_fields))?;
        let copies = r.words::<4>(n_copies)?;
        if !r.0.is_empty() {
            return Err("index section has trailing bytes".into());
        }
        if meta.iter().any(|&m| usize::from(m & CODE) >= FIELDS.len() || m & !(CODE | IN_FILE | ASCII) != 0) {
            return Err("unknown field code".into());
        }
        let bounds_hold = record_fields.first() == Some(&0)
            && record_fields.last() == Some(&(n_fields as u32))
            && record_fields.windows(2).all(|w| w[0] <= w[1]);
        if !bounds_hold {
            return Err("index record bounds".into());
        }
        // Copies are found by a binary search on the field's number.
        if !copies.windows(2).all(|w| w[0][0] < w[1][0]) || copies.last().is_some_and(|c| c[0] as usize >= n_fields) {
            return Err("index copies out of order".into());
        }
        Ok(Arrays {
            counts,
            record_fields,
            ranges,
            meta: Cow::Borrowed(meta),
            file_text,
            own: Cow::Borrowed(own),
            folded: Cow::Borrowed(folded),
            copies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use crate::search::SearchIndex;

    /// The bundled dataset, its index, and the index's stored form (in-file ranges as built).
    fn stored_bundled() -> (Dataset<'static>, SearchIndex<'static>, Vec<u8>) {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let built = SearchIndex::build(&data);
        let mut bytes = Vec::new();
        built.write_to(&mut bytes, &mut |start, _| Some(start)).unwrap_or_else(|e| panic!("{e}"));
        (data, built, bytes)
    }

    #[test]
    fn an_index_read_back_equals_the_one_built() {
        let (data, built, bytes) = stored_bundled();
        let counts = Kind::ALL.map(|k| data.count(k));
        let read = Arrays::read_from(&bytes, counts, data.file_text()).unwrap_or_else(|e| panic!("{e}"));
        let mut again = Vec::new();
        read.write_to(&mut again, &mut |start, _| Some(start)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bytes, again);
        assert_eq!(read.len(), built.len());
        for i in 0..read.len() {
            assert_eq!(read.described(i), built.described(i));
        }
        // Aligned bytes are read in place; others (a machine of the other endianness takes
        // the same path) are copied, and read the same.
        let aligned = bytes.as_ptr().align_offset(4) == 0;
        assert!(!aligned || matches!((&read.ranges, &read.copies), (Cow::Borrowed(_), Cow::Borrowed(_))));
        let mut shifted = vec![0u8; bytes.len() + 1];
        let from = if aligned { 1 } else { 0 };
        shifted[from..from + bytes.len()].copy_from_slice(&bytes);
        let unaligned = &shifted[from..from + bytes.len()];
        let copied = Arrays::read_from(unaligned, counts, data.file_text()).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(copied.ranges, Cow::Owned(_)) || !aligned);
        for i in 0..read.len() {
            assert_eq!(copied.described(i), built.described(i));
        }
        for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Arrays::read_from(&bytes[..cut], counts, data.file_text()).is_err());
        }
        assert!(FIELDS.iter().enumerate().all(|(i, &f)| usize::from(code(f)) == i));
        assert!(FIELDS.len() <= usize::from(CODE) + 1, "codes fit below the flags");
    }

    /// What the matcher relies on is checked when read, not trusted.
    #[test]
    fn a_bad_code_bound_or_copy_order_is_an_error() {
        let (data, built, bytes) = stored_bundled();
        let counts = Kind::ALL.map(|k| data.count(k));
        let read = |bytes: &[u8]| Arrays::read_from(bytes, counts, data.file_text()).err();
        let (bounds, fields) = (built.record_fields.len(), built.ranges.len());
        let meta_at = 24 + 4 * bounds + 8 * fields;
        let mut bad = bytes.clone();
        bad[meta_at] = 31;
        assert_eq!(read(&bad).as_deref(), Some("unknown field code"));
        let mut bad = bytes.clone();
        bad[24 + 4..24 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read(&bad).as_deref(), Some("index record bounds"));
        let copies_at = bytes.len() - 16 * built.copies.len();
        let mut bad = bytes.clone();
        bad[copies_at..copies_at + 4].copy_from_slice(&(fields as u32).to_le_bytes());
        assert_eq!(read(&bad).as_deref(), Some("index copies out of order"));
        assert_eq!(read(&bytes), None);
    }
}
