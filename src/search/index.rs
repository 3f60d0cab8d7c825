//! The search index: every searchable field of every record, built once at load.
//!
//! Field texts live back to back in one arena (NFC-normalised), with a lower-cased copy in
//! a second arena for the pre-check, so a keystroke never re-allocates or re-folds text.
//! A record's fields are contiguous in both arenas, so one scan of its folded slice can
//! reject it for every field at once.

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::data::{Dataset, Kind, RecordRef};

/// Which part of a record matched; the weight ranks names and titles above body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Name,
    Title,
    /// A source's article headline: long, so weighted like body text.
    Headline,
    Aka,
    Speaker,
    Artist,
    Id,
    Text,
    Description,
    Summary,
    Events,
    Roles,
    Publication,
    Context,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Title => "title",
            Field::Headline => "headline",
            Field::Aka => "also known as",
            Field::Speaker => "speaker",
            Field::Artist => "artist",
            Field::Id => "id",
            Field::Text => "text",
            Field::Description => "description",
            Field::Summary => "summary",
            Field::Events => "events",
            Field::Roles => "roles",
            Field::Publication => "publication",
            Field::Context => "context",
        }
    }

    /// Multiplier on the matcher's score.
    pub fn weight(self) -> i64 {
        match self {
            Field::Name | Field::Title => 4,
            Field::Aka | Field::Speaker | Field::Artist => 3,
            Field::Id | Field::Text | Field::Headline => 2,
            _ => 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct FieldEntry {
    pub field: Field,
    pub start: u32,
    pub end: u32,
    pub folded_start: u32,
    pub folded_end: u32,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(super) records: Vec<RecordRef>,
    /// `fields[record_fields[i]..record_fields[i + 1]]` are record i's fields.
    pub(super) record_fields: Vec<u32>,
    pub(super) fields: Vec<FieldEntry>,
    pub(super) text: String,
    pub(super) folded: String,
}

impl SearchIndex {
    /// Index every record of the dataset, in kind order then file order.
    ///
    /// Big datasets are indexed in two halves on two threads, then joined: the result is
    /// the same as a serial build (the halves' offsets are shifted when joined), in about
    /// 60 % of the time at 100k records.
    pub fn build(data: &Dataset) -> Self {
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(2);
        if records.len() < super::PARALLEL_FROM || threads < 2 {
            return Self::build_part(data, &records);
        }
        let (first, second) = records.split_at(records.len() / 2);
        let (mut index, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| Self::build_part(data, second));
            let index = Self::build_part(data, first);
            (index, rest.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        index.append(rest);
        index
    }

    /// Index `records`, in that order.
    fn build_part(data: &Dataset, records: &[RecordRef]) -> Self {
        // A quote has ≈140 bytes of indexed text in 3 fields. Reserving more than that avoids
        // regrowth copies of the arenas; pages never written are never faulted in, so
        // over-reserving costs address space, not memory.
        let mut index = SearchIndex {
            records: Vec::with_capacity(records.len()),
            record_fields: Vec::with_capacity(records.len() + 1),
            fields: Vec::with_capacity(records.len() * 4),
            text: String::with_capacity(records.len() * 192),
            folded: String::with_capacity(records.len() * 192),
        };
        index.record_fields.push(0);
        for &r in records {
            index.add_record(data, r);
        }
        index
    }

    /// Join an index of the records that follow this one's.
    fn append(&mut self, other: SearchIndex) {
        let (text, folded, fields) = (self.text.len() as u32, self.folded.len() as u32, self.fields.len() as u32);
        self.records.extend(other.records);
        self.record_fields.extend(other.record_fields[1..].iter().map(|&end| end + fields));
        self.fields.extend(other.fields.into_iter().map(|f| FieldEntry {
            start: f.start + text,
            end: f.end + text,
            folded_start: f.folded_start + folded,
            folded_end: f.folded_end + folded,
            ..f
        }));
        self.text.push_str(&other.text);
        self.folded.push_str(&other.folded);
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn add_record(&mut self, data: &Dataset, r: RecordRef) {
        let mut add = |field: Field, value: &str| {
            if value.is_empty() {
                return;
            }
            let start = self.text.len() as u32;
            let folded_start = self.folded.len() as u32;
            if value.is_ascii() {
                // ASCII (≈90 % of fields) is its own NFC form and lower-cases byte by byte:
                // two copies instead of a char-by-char normalise-and-fold (≈10× faster).
                self.text.push_str(value);
                self.folded.push_str(value);
                self.folded[folded_start as usize..].make_ascii_lowercase();
            } else {
                if unicode_normalization::is_nfc_quick(value.chars()) == IsNormalized::Yes {
                    self.text.push_str(value);
                } else {
                    self.text.extend(value.nfc());
                }
                let added = &self.text[start as usize..];
                for c in added.chars() {
                    self.folded.extend(c.to_lowercase());
                }
            }
            let entry = FieldEntry {
                field,
                start,
                end: self.text.len() as u32,
                folded_start,
                folded_end: self.folded.len() as u32,
            };
            self.fields.push(entry);
        };
        match r.kind {
            Kind::Episode => {
                let e = &data.episodes[r.index];
                add(Field::Title, &e.title);
                add(Field::Id, e.id.as_str());
                add(Field::Summary, &e.summary);
                let events: Vec<&str> = e.events.iter().map(|ev| &*ev.text).collect();
                add(Field::Events, &events.join("\n"));
            }
            Kind::Theme => {
                let t = &data.themes[r.index];
                add(Field::Name, &t.name);
                add(Field::Id, t.id.as_str());
                add(Field::Description, &t.description);
            }
            Kind::Person => {
                let p = &data.people[r.index];
                add(Field::Name, &p.name);
                add(Field::Aka, &p.aka.join(" · "));
                add(Field::Id, p.id.as_str());
                let roles: Vec<&str> = p.roles.iter().map(|r| r.label()).collect();
                add(Field::Roles, &roles.join(", "));
                add(Field::Description, &p.description);
            }
            Kind::Footage => {
                let f = &data.footage[r.index];
                add(Field::Title, &f.title);
                add(Field::Artist, &f.artist);
                add(Field::Id, f.id.as_str());
                add(Field::Description, &f.description);
                add(Field::Context, f.context.as_deref().unwrap_or_default());
            }
            Kind::Quote => {
                let q = &data.quotes[r.index];
                add(Field::Text, &q.text);
                let speaker = data.speaker(q).map_or(q.speaker.as_str(), |p| &*p.name);
                add(Field::Speaker, speaker);
                add(Field::Id, q.id.as_str());
                add(Field::Context, q.context.as_deref().unwrap_or_default());
            }
            Kind::Source => {
                let s = &data.sources[r.index];
                add(Field::Headline, &s.title);
                add(Field::Publication, &s.publication);
                add(Field::Id, s.id.as_str());
            }
        }
        self.records.push(r);
        self.record_fields.push(self.fields.len() as u32);
    }

    pub(super) fn fields_of(&self, i: usize) -> &[FieldEntry] {
        &self.fields[self.record_fields[i] as usize..self.record_fields[i + 1] as usize]
    }

    pub(super) fn field_text(&self, f: &FieldEntry) -> &str {
        &self.text[f.start as usize..f.end as usize]
    }

    pub(super) fn field_folded(&self, f: &FieldEntry) -> &str {
        &self.folded[f.folded_start as usize..f.folded_end as usize]
    }

    /// All of record i's folded text, for the record-level pre-check.
    pub(super) fn record_folded(&self, i: usize) -> &str {
        let fields = self.fields_of(i);
        match (fields.first(), fields.last()) {
            (Some(first), Some(last)) => &self.folded[first.folded_start as usize..last.folded_end as usize],
            _ => "",
        }
    }

    /// Index of a record in this index (records are stored in kind order, then file order).
    pub fn position(&self, r: RecordRef) -> Option<usize> {
        self.records.binary_search(&r).ok()
    }

    pub fn record(&self, i: usize) -> RecordRef {
        self.records[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_built_in_two_halves_equals_one_built_in_one_go() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        let whole = SearchIndex::build_part(&data, &records);
        let (first, second) = records.split_at(records.len() / 3);
        let mut joined = SearchIndex::build_part(&data, first);
        joined.append(SearchIndex::build_part(&data, second));
        assert_eq!(joined.records, whole.records);
        assert_eq!(joined.record_fields, whole.record_fields);
        assert_eq!(joined.text, whole.text);
        assert_eq!(joined.folded, whole.folded);
        let entries = |index: &SearchIndex| -> Vec<(Field, u32, u32, u32, u32)> {
            index.fields.iter().map(|f| (f.field, f.start, f.end, f.folded_start, f.folded_end)).collect()
        };
        assert_eq!(entries(&joined), entries(&whole));
        for i in 0..whole.len() {
            assert_eq!(joined.record_folded(i), whole.record_folded(i));
        }
    }
}
