//! Building the search index from a loaded dataset: one record's fields at a time, into
//! owned arrays that become an [`Arrays`] (see `index`).

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use super::fold;
use super::index::{ASCII, Field, IN_FILE};
use super::stored;
use crate::data::{Dataset, Kind, RecordRef};

/// The arrays of an index being built (see `index::Arrays`).
#[derive(Debug, Default)]
pub(super) struct Part<'a> {
    pub(super) file_text: &'a str,
    pub(super) record_fields: Vec<u32>,
    pub(super) ranges: Vec<[u32; 2]>,
    pub(super) meta: Vec<u8>,
    pub(super) own: String,
    pub(super) folded: String,
    pub(super) copies: Vec<[u32; 4]>,
}

impl<'a> Part<'a> {
    /// Index `records`, in that order.
    pub(super) fn build(data: &Dataset<'a>, records: &[RecordRef]) -> Self {
        let mut part = Part {
            file_text: data.file_text(),
            record_fields: Vec::with_capacity(records.len() + 1),
            // A quote has 3 fields (text, speaker, id), a person 5.
            ranges: Vec::with_capacity(records.len() * 3),
            meta: Vec::with_capacity(records.len() * 3),
            ..Part::default()
        };
        part.record_fields.push(0);
        for &r in records {
            part.add_record(data, r);
        }
        part
    }

    /// Join the part of the records that follow this one's.
    pub(super) fn append(&mut self, other: Part<'a>) {
        let (own, folded, fields) = (self.own.len() as u32, self.folded.len() as u32, self.ranges.len() as u32);
        self.record_fields.extend(other.record_fields[1..].iter().map(|&end| end + fields));
        for (&[start, end], &meta) in other.ranges.iter().zip(&other.meta) {
            let shift = if meta & IN_FILE != 0 { 0 } else { own };
            self.ranges.push([start + shift, end + shift]);
        }
        self.meta.extend(other.meta);
        self.own.push_str(&other.own);
        self.folded.push_str(&other.folded);
        self.copies.extend(
            other
                .copies
                .into_iter()
                .map(|[n, start, mid, end]| [n + fields, start + folded, mid + folded, end + folded]),
        );
    }

    /// Where `value` lies in the file text, when it is a slice of it. Two live allocations
    /// never overlap, so an address inside the file text's range means the same bytes.
    fn range_in_file(&self, value: &str) -> Option<(u32, u32)> {
        let start = (value.as_ptr() as usize).checked_sub(self.file_text.as_ptr() as usize)?;
        let end = start.checked_add(value.len())?;
        let slice = self.file_text.get(start..end)?;
        (slice.as_ptr() == value.as_ptr()).then_some(())?;
        Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
    }

    pub(super) fn add_field(&mut self, field: Field, value: &str) {
        if value.is_empty() {
            return;
        }
        // ASCII (≈90 % of fields) is its own NFC form; other text is normalised when
        // `is_nfc_quick` cannot vouch for it.
        let ascii = value.is_ascii();
        let normal = ascii || unicode_normalization::is_nfc_quick(value.chars()) == IsNormalized::Yes;
        let (in_file, start, end) = match self.range_in_file(value) {
            Some((start, end)) if normal => (true, start, end),
            _ => {
                let start = self.own.len() as u32;
                if normal {
                    self.own.push_str(value);
                } else {
                    self.own.extend(value.nfc());
                }
                (false, start, self.own.len() as u32)
            }
        };
        if !ascii {
            let text =
                if in_file { &self.file_text[start as usize..end as usize] } else { &self.own[start as usize..] };
            let from = self.folded.len() as u32;
            self.folded.extend(text.chars().map(fold::lower));
            let mid = self.folded.len() as u32;
            self.folded.extend(text.chars().map(fold::plain));
            self.copies.push([self.ranges.len() as u32, from, mid, self.folded.len() as u32]);
        }
        let flags = if in_file { IN_FILE } else { 0 } | if ascii { ASCII } else { 0 };
        self.ranges.push([start, end]);
        self.meta.push(stored::code(field) | flags);
    }

    fn add_record(&mut self, data: &Dataset, r: RecordRef) {
        let mut add = |field: Field, value: &str| self.add_field(field, value);
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
                let speaker = data.speaker_name(q);
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
            Kind::Event => {
                let event = data.event(r);
                add(Field::Event, &event.text);
                add(Field::Id, data.id(r));
                let name = |kind: Kind, id: &str| data.find(kind, id).map(|r| data.label(r).into_owned());
                let people: Vec<String> = event.people.iter().filter_map(|p| name(Kind::Person, p.as_str())).collect();
                add(Field::People, &people.join(" · "));
                let themes: Vec<String> = event.themes.iter().filter_map(|t| name(Kind::Theme, t.as_str())).collect();
                add(Field::Themes, &themes.join(" · "));
            }
            Kind::Series => {
                let s = &data.series;
                add(Field::Title, &s.title);
                add(Field::Id, &s.id);
                add(Field::Summary, &s.summary);
            }
        }
        self.record_fields.push(self.ranges.len() as u32);
    }
}
