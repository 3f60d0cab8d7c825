//! The search index: every searchable field of every record, built once at load.
//!
//! Fields are kept as ranges of the dataset's file text where they can be (no copy), and
//! non-ASCII fields get two char-aligned copies made once here (see `fold`): a lower-cased
//! one for terms typed with non-ASCII characters, and a folded one (accents and typographic
//! quotes and dashes to ASCII) for ASCII terms. So a keystroke never re-allocates or re-folds
//! text, and ASCII fields (≈90 %) need neither copy.

use std::borrow::Cow;
use std::ops::Range;

use super::build::Part;
use super::haystack::{Haystack, Target};
use super::query::Term;
use super::stored;
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

/// One field of one record, as the matcher reads it: decoded from the index's arrays.
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
    /// Its number among all the index's fields: how its copies are found (non-ASCII text).
    pub(super) number: u32,
}

/// A field's meta byte: its code (`stored::code`) in the low bits, then these flags.
pub(super) const CODE: u8 = 0x1f;
pub(super) const IN_FILE: u8 = 1 << 5;
pub(super) const ASCII: u8 = 1 << 6;

/// Every searchable field of every record, in kind order then file order.
///
/// Most fields are not copied: a field whose text is a slice of the dataset's file (the
/// common case, see `data::model::Text`) is kept as a range of it. Only texts that are not
/// there verbatim go into `own`, and only non-ASCII texts get copies (lower-cased, folded) in `folded`.
/// At 100k synthetic records the two arenas hold 0.16 MB, where copies of every field took ≈ 28 MB.
///
/// A field is 9 bytes: its range (two `u32`) and its meta byte, in two arrays the matcher
/// walks front to back. Read from a snapshot, every array is borrowed from the mapped file
/// (`stored`), so a search at 1M records copies none of its ≈ 30 MB; built, they are owned.
#[derive(Debug, Default)]
pub struct Arrays<'a> {
    /// How many records of each kind, in `Kind::ALL` order: the index holds every record
    /// of the dataset, in kind order then file order, so a record's place is computed.
    pub(super) counts: [usize; Kind::ALL.len()],
    /// Record i's fields are numbers `record_fields[i]..record_fields[i + 1]`.
    pub(super) record_fields: Cow<'a, [u32]>,
    /// Each field's `start..end`, in the file text or in `own` (see [`FieldEntry`]).
    pub(super) ranges: Cow<'a, [[u32; 2]]>,
    /// Each field's code and flags ([`CODE`], [`IN_FILE`], [`ASCII`]).
    pub(super) meta: Cow<'a, [u8]>,
    pub(super) file_text: &'a str,
    pub(super) own: Cow<'a, str>,
    pub(super) folded: Cow<'a, str>,
    /// For each non-ASCII field, by its number: that number, then where its lower-cased
    /// copy (`start..mid`) and its folded one (`mid..end`) lie in `folded`.
    pub(super) copies: Cow<'a, [[u32; 4]]>,
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
            loaded.unwrap_or_else(|| Arrays { record_fields: Cow::Owned(vec![0]), ..Arrays::default() })
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
        let part = if records.len() < super::PARALLEL_FROM || threads < 2 {
            Part::build(data, &records)
        } else {
            let (first, second) = records.split_at(records.len() / 2);
            let (mut part, rest) = std::thread::scope(|scope| {
                let rest = scope.spawn(|| Part::build(data, second));
                let part = Part::build(data, first);
                (part, rest.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            });
            part.append(rest);
            part
        };
        Self::from_part(Kind::ALL.map(|k| data.count(k)), part)
    }

    fn from_part(counts: [usize; Kind::ALL.len()], part: Part<'a>) -> Self {
        Arrays {
            counts,
            record_fields: Cow::Owned(part.record_fields),
            ranges: Cow::Owned(part.ranges),
            meta: Cow::Owned(part.meta),
            file_text: part.file_text,
            own: Cow::Owned(part.own),
            folded: Cow::Owned(part.folded),
            copies: Cow::Owned(part.copies),
        }
    }

    /// Records in the index.
    pub fn len(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One record of one field holding `text`: what [`super::matches_text`] runs on.
    pub(super) fn of_text(text: &str) -> Arrays<'static> {
        let mut part = Part { record_fields: vec![0], ..Part::default() };
        part.add_field(Field::Text, text);
        part.record_fields.push(part.ranges.len() as u32);
        let mut counts = [0; Kind::ALL.len()];
        counts[Kind::Quote as usize] = 1;
        Arrays::from_part(counts, part)
    }

    /// Each kind's records as a range of record numbers.
    pub(super) fn spans(&self) -> impl Iterator<Item = (Kind, Range<usize>)> + '_ {
        let mut start = 0;
        Kind::ALL.iter().zip(self.counts).map(move |(&kind, n)| {
            start += n;
            (kind, start - n..start)
        })
    }
}

impl<'a> Arrays<'a> {
    /// Record i's fields. A bad range (from a snapshot whose checksums held, but not one
    /// defiant wrote) gives no fields, never a panic.
    #[inline]
    pub(super) fn fields_of(&self, i: usize) -> impl Iterator<Item = FieldEntry> + '_ {
        let fields = self.ranges.len().min(self.meta.len());
        let numbers = match (self.record_fields.get(i), self.record_fields.get(i + 1)) {
            (Some(&s), Some(&e)) if s <= e && e as usize <= fields => s as usize..e as usize,
            _ => 0..0,
        };
        numbers.map(|j| self.entry(j))
    }

    #[inline]
    fn entry(&self, j: usize) -> FieldEntry {
        let ([start, end], meta) = (self.ranges[j], self.meta[j]);
        FieldEntry {
            field: stored::FIELDS.get(usize::from(meta & CODE)).copied().unwrap_or(Field::Id),
            in_file: meta & IN_FILE != 0,
            ascii: meta & ASCII != 0,
            start,
            end,
            number: j as u32,
        }
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
        let Ok(at) = self.copies.binary_search_by_key(&f.number, |c| c[0]) else { return "" };
        let [_, start, mid, end] = self.copies[at];
        let (from, to) = if plain { (mid, end) } else { (start, mid) };
        self.folded.get(from as usize..to as usize).unwrap_or_default()
    }

    /// Record `i`'s fields as (field, text, lower-cased copy, folded copy): what the
    /// index holds, whatever its stored layout.
    #[cfg(test)]
    pub fn described(&self, i: usize) -> Vec<(Field, &str, &str, &str)> {
        let copies = |f: &FieldEntry| if f.ascii { ("", "") } else { (self.copy(f, false), self.copy(f, true)) };
        self.fields_of(i).map(|f| (f.field, self.field_text(&f), copies(&f).0, copies(&f).1)).collect()
    }

    /// Index of a record in this index (records are stored in kind order, then file order).
    pub fn position(&self, r: RecordRef) -> Option<usize> {
        let (_, span) = self.spans().find(|(kind, _)| *kind == r.kind)?;
        (r.index < span.len()).then_some(span.start + r.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold;

    #[test]
    fn an_index_built_in_two_halves_equals_one_built_in_one_go() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        let whole = Part::build(&data, &records);
        let (first, second) = records.split_at(records.len() / 3);
        let mut joined = Part::build(&data, first);
        joined.append(Part::build(&data, second));
        assert_eq!(joined.record_fields, whole.record_fields);
        assert_eq!(joined.ranges, whole.ranges);
        assert_eq!(joined.meta, whole.meta);
        assert_eq!(joined.own, whole.own);
        assert_eq!(joined.folded, whole.folded);
        assert_eq!(joined.copies, whole.copies);
        assert!(!whole.copies.is_empty(), "the bundled data has non-ASCII fields");
    }

    #[test]
    fn records_are_numbered_kind_by_kind() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = SearchIndex::build(&data);
        let records: Vec<RecordRef> = Kind::ALL.iter().flat_map(|&kind| data.records(kind)).collect();
        assert_eq!(index.len(), records.len());
        for (i, &r) in records.iter().enumerate() {
            assert_eq!(index.position(r), Some(i));
        }
        assert_eq!(index.position(RecordRef::new(Kind::Quote, data.count(Kind::Quote))), None);
    }

    /// The index copies only what is not in the file verbatim, and folds only non-ASCII text.
    #[test]
    fn fields_are_slices_of_the_file_unless_they_cannot_be() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let index = SearchIndex::build(&data);
        let (mut in_file, mut single) = (0, 0);
        // Joined fields (several values in one) are the index's own by nature.
        let joined = [Field::Events, Field::Roles, Field::People, Field::Themes];
        let records = Kind::ALL.iter().flat_map(|&kind| data.records(kind));
        for (i, r) in records.enumerate() {
            for f in index.fields_of(i) {
                let text = index.field_text(&f);
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
                    assert!(text.is_ascii() && index.copies.binary_search_by_key(&f.number, |c| c[0]).is_err());
                } else {
                    assert_eq!(index.copy(&f, false), text.chars().map(fold::lower).collect::<String>());
                    assert_eq!(index.copy(&f, true), text.chars().map(fold::plain).collect::<String>());
                }
            }
        }
        assert!(in_file * 10 > single * 9, "{in_file} of {single} single-valued fields in the file");
    }
}
