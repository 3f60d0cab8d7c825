//! The search index: every searchable field of every record, built once at load.
//!
//! Fields are kept as ranges of the dataset's file text where they can be (no copy), and
//! non-ASCII fields get two char-aligned copies made once here (see `fold`): a lower-cased
//! one for terms typed with non-ASCII characters, and a folded one (accents and typographic
//! quotes and dashes to ASCII) for ASCII terms. So a keystroke never re-allocates or re-folds
//! text, and ASCII fields (≈90 %) need neither copy.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use super::fold;
use super::haystack::{Haystack, Target};
use super::query::Term;
use crate::data::{Dataset, Kind, RecordRef};

/// Which part of a record matched; the weight ranks names and titles above body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// One event's text, as its own record: below the episode that lists it.
    Event,
    /// The names of the people an event involves (so a Timeline filter finds a person).
    People,
    /// The names of an event's themes.
    Themes,
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
            Field::Event => "event",
            Field::People => "people",
            Field::Themes => "themes",
            Field::Roles => "roles",
            Field::Publication => "publication",
            Field::Context => "context",
        }
    }

    /// Multiplier on the matcher's score, in half steps: an event's text (a short field, so
    /// its coverage is high) weighs half of body text, so a part still ranks above the
    /// events it lists for the same words.
    pub fn weight(self) -> i64 {
        match self {
            Field::Name | Field::Title => 8,
            Field::Aka | Field::Speaker | Field::Artist => 6,
            Field::Id | Field::Text | Field::Headline => 4,
            Field::Event | Field::People | Field::Themes => 1,
            _ => 2,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct FieldEntry {
    pub field: Field,
    /// `start..end` is in the dataset's file text (a field that is a slice of it), else in
    /// the index's own arena (joined, NFC-normalised or unescaped fields).
    pub(super) in_file: bool,
    /// ASCII text has no lower-cased copy: it is compared ignoring ASCII case instead.
    pub(super) ascii: bool,
    pub(super) start: u32,
    pub(super) end: u32,
    /// For non-ASCII text, its entry in `SearchIndex::copies`. Kept out of line so an entry
    /// stays 16 bytes: the pre-check walks every entry on every keystroke.
    pub(super) copies: u32,
}

/// Where a non-ASCII field's two copies lie in `SearchIndex::folded`: `start..mid` is the
/// lower-cased one, `mid..end` the folded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Copies {
    pub(super) start: u32,
    pub(super) mid: u32,
    pub(super) end: u32,
}

/// Every searchable field of every record, in kind order then file order.
///
/// Most fields are not copied: a field whose text is a slice of the dataset's file (the
/// common case, see `data::model::Text`) is kept as a range of it. Only texts that are not
/// there verbatim go into `own`, and only non-ASCII texts get copies (lower-cased, folded) in `folded`.
/// At 100k synthetic records the two arenas hold 0.16 MB, where copies of every field took ≈ 28 MB.
#[derive(Debug, Default)]
pub struct Arrays<'a> {
    pub(super) records: Vec<RecordRef>,
    /// `fields[record_fields[i]..record_fields[i + 1]]` are record i's fields.
    pub(super) record_fields: Vec<u32>,
    pub(super) fields: Vec<FieldEntry>,
    pub(super) file_text: &'a str,
    pub(super) own: String,
    pub(super) folded: String,
    pub(super) copies: Vec<Copies>,
}

/// The search index: its [`Arrays`], built at once, or read from a snapshot the first time
/// a search needs them (so a browser's first frame never waits for them).
pub struct SearchIndex<'a> {
    arrays: std::sync::OnceLock<Arrays<'a>>,
    load: Option<Load<'a>>,
}

type Load<'a> = Box<dyn Fn() -> Option<Arrays<'a>> + Send + Sync + 'a>;

impl<'a> SearchIndex<'a> {
    /// Index every record of the dataset, in kind order then file order.
    pub fn build(data: &Dataset<'a>) -> Self {
        Arrays::build(data).into()
    }

    /// An index whose arrays `load` gives the first time they are used; a load that fails
    /// (a snapshot whose checksums held, but not one defiant wrote) gives an empty index.
    pub fn lazy(load: impl Fn() -> Option<Arrays<'a>> + Send + Sync + 'a) -> Self {
        Self { arrays: std::sync::OnceLock::new(), load: Some(Box::new(load)) }
    }
}

impl<'a> From<Arrays<'a>> for SearchIndex<'a> {
    fn from(arrays: Arrays<'a>) -> Self {
        Self { arrays: std::sync::OnceLock::from(arrays), load: None }
    }
}

impl<'a> std::ops::Deref for SearchIndex<'a> {
    type Target = Arrays<'a>;
    fn deref(&self) -> &Arrays<'a> {
        self.arrays.get_or_init(|| {
            let loaded = self.load.as_ref().and_then(|load| load());
            loaded.unwrap_or_else(|| Arrays { record_fields: vec![0], ..Arrays::default() })
        })
    }
}

impl std::fmt::Debug for SearchIndex<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex(loaded: {})", self.arrays.get().is_some())
    }
}

impl<'a> Arrays<'a> {
    /// Index every record of the dataset, in kind order then file order.
    ///
    /// Big datasets are indexed in two halves on two threads, then joined: the result is
    /// the same as a serial build (the halves' offsets are shifted when joined).
    fn build(data: &Dataset<'a>) -> Self {
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        let threads = super::threads().min(2);
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
    fn build_part(data: &Dataset<'a>, records: &[RecordRef]) -> Self {
        let mut index = Arrays {
            records: Vec::with_capacity(records.len()),
            record_fields: Vec::with_capacity(records.len() + 1),
            // A quote has 3 fields (text, speaker, id), a person 5.
            fields: Vec::with_capacity(records.len() * 3),
            file_text: data.file_text(),
            own: String::new(),
            folded: String::new(),
            copies: Vec::new(),
        };
        index.record_fields.push(0);
        for &r in records {
            index.add_record(data, r);
        }
        index
    }

    /// Join an index of the records that follow this one's.
    fn append(&mut self, other: Arrays<'a>) {
        let (own, folded, fields) = (self.own.len() as u32, self.folded.len() as u32, self.fields.len() as u32);
        let copies = self.copies.len() as u32;
        self.records.extend(other.records);
        self.record_fields.extend(other.record_fields[1..].iter().map(|&end| end + fields));
        self.fields.extend(other.fields.into_iter().map(|f| {
            let shift = if f.in_file { 0 } else { own };
            FieldEntry {
                start: f.start + shift,
                end: f.end + shift,
                copies: if f.ascii { 0 } else { f.copies + copies },
                ..f
            }
        }));
        self.own.push_str(&other.own);
        self.folded.push_str(&other.folded);
        self.copies.extend(other.copies.into_iter().map(|c| Copies {
            start: c.start + folded,
            mid: c.mid + folded,
            end: c.end + folded,
        }));
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
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

    /// One record of one field holding `text`: what [`super::matches_text`] runs on.
    pub(super) fn of_text(text: &str) -> Arrays<'static> {
        let mut index = Arrays { record_fields: vec![0], ..Arrays::default() };
        index.add_field(Field::Text, text);
        index.records.push(RecordRef { kind: Kind::Quote, index: 0 });
        index.record_fields.push(index.fields.len() as u32);
        index
    }

    fn add_field(&mut self, field: Field, value: &str) {
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
        let mut copies = 0;
        if !ascii {
            let text =
                if in_file { &self.file_text[start as usize..end as usize] } else { &self.own[start as usize..] };
            let from = self.folded.len() as u32;
            self.folded.extend(text.chars().map(fold::lower));
            let mid = self.folded.len() as u32;
            self.folded.extend(text.chars().map(fold::plain));
            copies = self.copies.len() as u32;
            self.copies.push(Copies { start: from, mid, end: self.folded.len() as u32 });
        }
        self.fields.push(FieldEntry { field, in_file, ascii, start, end, copies });
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
        self.records.push(r);
        self.record_fields.push(self.fields.len() as u32);
    }

    #[inline]
    pub(super) fn fields_of(&self, i: usize) -> &[FieldEntry] {
        let (start, end) = (self.record_fields.get(i), self.record_fields.get(i + 1));
        start.zip(end).and_then(|(&s, &e)| self.fields.get(s as usize..e as usize)).unwrap_or_default()
    }

    #[inline]
    pub(super) fn field_text(&self, f: &FieldEntry) -> &str {
        // Ranges read from a snapshot are not checked up front (that would touch every page
        // of its text): a bad one reads as an empty field, never a panic.
        let arena = if f.in_file { self.file_text } else { &self.own };
        arena.get(f.start as usize..f.end as usize).unwrap_or_default()
    }

    /// What `term` is compared with in field `f`. ASCII text, and the folded copy of other
    /// text for an ASCII term, are compared ignoring ASCII case (or as they are, for a
    /// case-sensitive term); a non-ASCII term is looked for in the lower-cased copy, or in the
    /// text itself when it is case-sensitive (fzf's smart case and smart folding).
    #[inline]
    pub(super) fn target<'t>(&'t self, f: &FieldEntry, term: &'t Term) -> Target<'t> {
        let text = self.field_text(f);
        let as_is =
            |text: &'t str| Target { fuzzy: text, pattern: &term.text, hay: Haystack::AsIs(text), needle: &term.text };
        if f.ascii || term.folds {
            let text = if f.ascii { text } else { self.copy(f, true) };
            if term.case_sensitive {
                as_is(text)
            } else {
                Target { fuzzy: text, pattern: &term.text, hay: Haystack::Ascii(text), needle: &term.folded }
            }
        } else if term.case_sensitive {
            as_is(text)
        } else {
            let lower = self.copy(f, false);
            Target { fuzzy: lower, pattern: &term.folded, hay: Haystack::AsIs(lower), needle: &term.folded }
        }
    }

    /// A non-ASCII field's folded copy (`plain`) or lower-cased one.
    fn copy(&self, f: &FieldEntry, plain: bool) -> &str {
        let Some(c) = self.copies.get(f.copies as usize) else { return "" };
        let (from, to) = if plain { (c.mid, c.end) } else { (c.start, c.mid) };
        self.folded.get(from as usize..to as usize).unwrap_or_default()
    }

    /// Index of a record in this index (records are stored in kind order, then file order).
    pub fn position(&self, r: RecordRef) -> Option<usize> {
        self.records.binary_search(&r).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_built_in_two_halves_equals_one_built_in_one_go() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        let whole = Arrays::build_part(&data, &records);
        let (first, second) = records.split_at(records.len() / 3);
        let mut joined = Arrays::build_part(&data, first);
        joined.append(Arrays::build_part(&data, second));
        assert_eq!(joined.records, whole.records);
        assert_eq!(joined.record_fields, whole.record_fields);
        assert_eq!(joined.own, whole.own);
        assert_eq!(joined.folded, whole.folded);
        assert_eq!(joined.copies, whole.copies);
        type Entry = (Field, bool, bool, u32, u32, u32);
        let entries = |index: &Arrays| -> Vec<Entry> {
            let entry = |f: &FieldEntry| (f.field, f.in_file, f.ascii, f.start, f.end, f.copies);
            index.fields.iter().map(entry).collect()
        };
        assert_eq!(entries(&joined), entries(&whole));
    }

    #[test]
    fn an_entry_is_16_bytes() {
        assert!(std::mem::size_of::<FieldEntry>() <= 16);
    }

    /// The index copies only what is not in the file verbatim, and folds only non-ASCII text.
    #[test]
    fn fields_are_slices_of_the_file_unless_they_cannot_be() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = SearchIndex::build(&data);
        let (mut in_file, mut single) = (0, 0);
        // Joined fields (several values in one) are the index's own by nature.
        let joined = [Field::Events, Field::Roles, Field::People, Field::Themes];
        for (i, &r) in index.records.iter().enumerate() {
            for f in index.fields_of(i) {
                let text = index.field_text(f);
                assert!(!text.is_empty());
                if !joined.contains(&f.field) {
                    single += 1;
                    in_file += usize::from(f.in_file);
                }
                if f.field == Field::Id {
                    assert!(f.in_file, "{r:?}: an id is always a slice of the file");
                    assert_eq!(text, data.id(r));
                }
                if f.field == Field::Events || f.field == Field::Roles {
                    assert!(!f.in_file, "{r:?}: a joined field is the index's own");
                }
                if f.ascii {
                    assert!(text.is_ascii() && f.copies == 0);
                } else {
                    assert_eq!(index.copy(f, false), text.chars().map(fold::lower).collect::<String>());
                    assert_eq!(index.copy(f, true), text.chars().map(fold::plain).collect::<String>());
                }
            }
        }
        assert!(in_file * 10 > single * 9, "{in_file} of {single} single-valued fields in the file");
    }
}
