//! The search index: every searchable field of every record, built once at load.
//!
//! Field texts live back to back in one arena (NFC-normalised), with a lower-cased copy in
//! a second arena for the pre-check, so a keystroke never re-allocates or re-folds text.
//! A record's fields are contiguous in both arenas, so one scan of its folded slice can
//! reject it for every field at once.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

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
    pub fn build(data: &Dataset) -> Self {
        let mut index = SearchIndex { record_fields: vec![0], ..SearchIndex::default() };
        for kind in Kind::ALL {
            for r in data.records(kind) {
                index.add_record(data, r);
            }
        }
        index
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
            self.text.extend(value.nfc());
            let folded_start = self.folded.len() as u32;
            let added = &self.text[start as usize..];
            for c in added.chars() {
                self.folded.extend(c.to_lowercase());
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
                let events: Vec<&str> = e.events.iter().map(|ev| ev.text.as_str()).collect();
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
                let speaker = data.speaker(q).map_or(q.speaker.as_str(), |p| p.name.as_str());
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
