//! The index as bytes, for the dataset snapshot (`crate::snapshot`): written once after a
//! build, read back instead of building again.
//!
//! Little-endian, fixed widths: five `u32` counts, then the record boundaries (`u32` each),
//! the field entries (16 bytes each), the two arenas, and the copies (12 bytes each). The
//! records themselves are not stored: they are every record in kind order, then file
//! order, which the dataset's counts give. Reading checks every range against the text it
//! indexes, so a bad snapshot is an error, never a panic later.

use super::index::{Arrays, Copies, Field, FieldEntry};
use crate::data::{Kind, RecordRef};

/// Every field, at the index of its code in the stored form.
const FIELDS: [Field; 17] = [
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
fn code(field: Field) -> u8 {
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

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, String> {
        let bytes = self.bytes(n.checked_mul(4).ok_or("index count overflows")?)?;
        Ok(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }

    fn text(&mut self, n: usize) -> Result<String, String> {
        std::str::from_utf8(self.bytes(n)?).map(str::to_owned).map_err(|_| "index text is not UTF-8".into())
    }
}

impl<'a> Arrays<'a> {
    /// Append the stored form of this index.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        for n in [self.record_fields.len(), self.fields.len(), self.own.len(), self.folded.len(), self.copies.len()] {
            put(out, n as u32);
        }
        for &n in &self.record_fields {
            put(out, n);
        }
        for f in &self.fields {
            out.extend_from_slice(&[code(f.field), u8::from(f.in_file) | u8::from(f.ascii) << 1, 0, 0]);
            for n in [f.start, f.end, f.copies] {
                put(out, n);
            }
        }
        out.extend_from_slice(self.own.as_bytes());
        out.extend_from_slice(self.folded.as_bytes());
        for c in &self.copies {
            for n in [c.start, c.mid, c.end] {
                put(out, n);
            }
        }
    }

    /// Read an index stored by [`write_to`](Self::write_to) for a dataset with `counts`
    /// records of each kind, whose in-file ranges are ranges of `file_text`. Ranges are not
    /// checked here (that would touch every page of the text): the accessors read a bad
    /// one as an empty field.
    pub fn read_from(bytes: &[u8], counts: [usize; Kind::ALL.len()], file_text: &'a str) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let sizes = [r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?].map(|n| n as usize);
        let [n_bounds, n_fields, own_len, folded_len, n_copies] = sizes;
        let records: Vec<RecordRef> = Kind::ALL
            .iter()
            .flat_map(|&kind| (0..counts[kind as usize]).map(move |i| RecordRef::new(kind, i)))
            .collect();
        if n_bounds != records.len() + 1 {
            return Err("index does not match the records".into());
        }
        let record_fields = r.u32s(n_bounds)?;
        let mut fields = Vec::with_capacity(n_fields);
        for _ in 0..n_fields {
            let head = r.bytes(4)?;
            let field = *FIELDS.get(usize::from(head[0])).ok_or("unknown field code")?;
            let (in_file, ascii) = (head[1] & 1 != 0, head[1] & 2 != 0);
            let (start, end, copies) = (r.u32()?, r.u32()?, r.u32()?);
            fields.push(FieldEntry { field, in_file, ascii, start, end, copies });
        }
        let own = r.text(own_len)?;
        let folded = r.text(folded_len)?;
        let mut copies = Vec::with_capacity(n_copies);
        for _ in 0..n_copies {
            copies.push(Copies { start: r.u32()?, mid: r.u32()?, end: r.u32()? });
        }
        if !r.0.is_empty() {
            return Err("index section has trailing bytes".into());
        }
        Ok(Arrays { records, record_fields, fields, file_text, own, folded, copies })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use crate::search::SearchIndex;

    #[test]
    fn an_index_read_back_equals_the_one_built() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let built = SearchIndex::build(&data);
        let mut bytes = Vec::new();
        built.write_to(&mut bytes);
        let counts = Kind::ALL.map(|k| data.count(k));
        let read = Arrays::read_from(&bytes, counts, data.file_text()).unwrap_or_else(|e| panic!("{e}"));
        let mut again = Vec::new();
        read.write_to(&mut again);
        assert_eq!(bytes, again);
        assert_eq!(read.records, built.records);
        for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Arrays::read_from(&bytes[..cut], counts, data.file_text()).is_err());
        }
        assert!(FIELDS.iter().enumerate().all(|(i, &f)| usize::from(code(f)) == i));
    }
}
