//! The schema as one table: every string field of every struct, with its flavour (one line
//! or prose), and through the field's type, every reference (a typed id names its kind).
//!
//! Three walks are generated from it: sanitizing every string at load (see
//! [`crate::sanitize`]), checking that every reference resolves (`validate`) and the link
//! graph (`links`). Adding a field means adding it to the model and to this table; a
//! reference field is a reference because its type is one of the id types.

use std::borrow::Cow;

use super::model::*;
use super::path::{JsonPath, Segment};
use super::{Dataset, Kind, RecordRef};

pub use crate::sanitize::Flavour;

/// Where a walk is. Validation keeps a [`JsonPath`], to name a reference that fails; the
/// link graph needs no path, so `()` keeps none and its walk costs nothing extra.
pub trait Track {
    fn push(&mut self, segment: Segment);
    fn pop(&mut self);
}

impl Track for JsonPath {
    fn push(&mut self, segment: Segment) {
        JsonPath::push(self, segment);
    }

    fn pop(&mut self) {
        JsonPath::pop(self);
    }
}

impl Track for () {
    fn push(&mut self, _: Segment) {}
    fn pop(&mut self) {}
}

fn with<T: Track, R>(at: &mut T, segment: Segment, f: impl FnOnce(&mut T) -> R) -> R {
    at.push(segment);
    let result = f(at);
    at.pop();
    result
}

fn key(name: &'static str) -> Segment {
    Segment::Key(Cow::Borrowed(name))
}

/// Something holding strings. `flavour` is the field's flavour, passed down to leaves.
pub trait VisitStrings<'a> {
    fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut JsonPath, f: &mut F);
}

/// Something holding references: `f` gets the kind each names and the id.
pub trait VisitRefs {
    /// Whether the type can hold a reference at all; a walk skips other fields outright.
    const HAS_REFS: bool;
    fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, at: &mut T, f: &mut F);
}

fn has_refs<R: VisitRefs>(_: &R) -> bool {
    R::HAS_REFS
}

impl<'a> VisitStrings<'a> for Text<'a> {
    fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut JsonPath, f: &mut F) {
        f(at, self, flavour);
    }
}

impl VisitRefs for Text<'_> {
    const HAS_REFS: bool = false;
    fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, _: &mut T, _: &mut F) {}
}

impl<'a, V: VisitStrings<'a>> VisitStrings<'a> for Option<V> {
    fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut JsonPath, f: &mut F) {
        if let Some(inner) = self {
            inner.visit(flavour, at, f);
        }
    }
}

impl<V: VisitRefs> VisitRefs for Option<V> {
    const HAS_REFS: bool = V::HAS_REFS;
    fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, at: &mut T, f: &mut F) {
        if let Some(inner) = self {
            inner.refs(at, f);
        }
    }
}

impl<'a, V: VisitStrings<'a>> VisitStrings<'a> for Vec<V> {
    fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, flavour: Flavour, at: &mut JsonPath, f: &mut F) {
        for (i, item) in self.iter_mut().enumerate() {
            with(at, Segment::Index(i), |at| item.visit(flavour, at, f));
        }
    }
}

impl<V: VisitRefs> VisitRefs for Vec<V> {
    const HAS_REFS: bool = V::HAS_REFS;
    fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, at: &mut T, f: &mut F) {
        for (i, item) in self.iter().enumerate() {
            with(at, Segment::Index(i), |at| item.refs(at, f));
        }
    }
}

/// The id types: a one-line string, and a reference to a record of their kind (except a
/// record's own `id`, which the table marks `Id`).
macro_rules! id_leaves {
    ($($id:ident => $kind:ident),*) => {$(
        impl<'a> VisitStrings<'a> for $id<'a> {
            fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, _: Flavour, at: &mut JsonPath, f: &mut F) {
                f(at, &mut self.0, Flavour::Id);
            }
        }

        impl VisitRefs for $id<'_> {
            const HAS_REFS: bool = true;
            fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, at: &mut T, f: &mut F) {
                f(at, Kind::$kind, &self.0);
            }
        }
    )*};
}
id_leaves!(
    EpisodeId => Episode,
    ThemeId => Theme,
    PersonId => Person,
    FootageId => Footage,
    QuoteId => Quote,
    SourceId => Source,
    EventId => Event
);

/// `Id` is the record's own id: a one-line string that refers to nothing (and, like every
/// id, is never cut for display).
macro_rules! flavour {
    (Id) => {
        Flavour::Id
    };
    ($flavour:ident) => {
        Flavour::$flavour
    };
}

macro_rules! field_refs {
    ($self:ident, $at:ident, $f:ident, $field:ident, Id) => {};
    ($self:ident, $at:ident, $f:ident, $field:ident, $flavour:ident) => {
        if has_refs(&$self.$field) {
            with($at, key(stringify!($field)), |at| $self.$field.refs(at, $f));
        }
    };
}

macro_rules! schema {
    ($name:ident { $($field:ident : $flavour:ident),* $(,)? }) => {
        impl<'a> VisitStrings<'a> for $name<'a> {
            fn visit<F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(&mut self, _: Flavour, at: &mut JsonPath, f: &mut F) {
                $( with(at, key(stringify!($field)), |at| self.$field.visit(flavour!($flavour), at, f)); )*
            }
        }

        impl VisitRefs for $name<'_> {
            const HAS_REFS: bool = true;
            fn refs<T: Track, F: FnMut(&T, Kind, &str)>(&self, at: &mut T, f: &mut F) {
                $( field_refs!(self, at, f, $field, $flavour); )*
            }
        }
    };
}

// A note's sources are references like any other: a note cites them, so they are checked
// by validation and each is a link ("Cited by" on the source), as every table entry is.
schema!(Side { says: Text, sources: Line });
schema!(Note { text: Text, sides: Text, sources: Line });
schema!(Fact { label: Line, value: Text, sources: Line, notes: Text });
schema!(Credit { role: Line, people: Line, sources: Line });
schema!(Award { name: Line, category: Line, detail: Text, sources: Line });
schema!(When { date: Line, sources: Line });
schema!(Event { id: Id, text: Text, when: Text, sources: Line, people: Line, themes: Line, notes: Text });
schema!(Series {
    id: Line,
    title: Line,
    network: Line,
    format: Text,
    premiere: Line,
    finale: Line,
    directors: Line,
    summary: Text,
    facts: Text,
    credits: Text,
    awards: Text,
    unplaced_events: Text,
    notes: Text,
    sources: Line,
});
schema!(Episode {
    id: Id,
    title: Line,
    air_date: Line,
    air_time: Line,
    summary: Text,
    events: Text,
    sources: Line,
    notes: Text,
});
schema!(Theme { id: Id, name: Line, description: Text, episodes: Line, people: Line, sources: Line, notes: Text });
schema!(Person {
    id: Id,
    name: Line,
    aka: Line,
    members: Line,
    description: Text,
    episodes: Line,
    sources: Line,
    notes: Text,
});
schema!(Footage {
    id: Id,
    title: Line,
    artist: Line,
    description: Text,
    people: Line,
    era: Line,
    album: Line,
    episode: Line,
    context: Text,
    sources: Line,
    notes: Text,
});
schema!(Variant { text: Text, source: Line });
schema!(Quote {
    id: Id,
    text: Text,
    speaker: Line,
    speaker_note: Line,
    occasion: Line,
    source: Line,
    sources: Line,
    episode: Line,
    themes: Line,
    context: Text,
    variants: Text,
    notes: Text,
});
schema!(Source { id: Id, title: Line, publication: Line, url: Line, note: Text });
schema!(DatasetFile {
    series: Text,
    episodes: Text,
    themes: Text,
    people: Text,
    footage: Text,
    quotes: Text,
    sources: Text,
});

/// Visit every string in the file, depth first, in field order.
pub fn visit_strings<'a, F: FnMut(&JsonPath, &mut Text<'a>, Flavour)>(file: &mut DatasetFile<'a>, f: &mut F) {
    file.visit(Flavour::Text, &mut JsonPath::root(), f);
}

/// Every reference record `r` makes, in field order; `at` is extended with the path of
/// each inside the record.
pub(super) fn record_refs<T: Track, F: FnMut(&T, Kind, &str)>(data: &Dataset, r: RecordRef, at: &mut T, f: &mut F) {
    match r.kind {
        Kind::Episode => data.episodes[r.index].refs(at, f),
        Kind::Theme => data.themes[r.index].refs(at, f),
        Kind::Person => data.people[r.index].refs(at, f),
        Kind::Footage => data.footage[r.index].refs(at, f),
        Kind::Quote => data.quotes[r.index].refs(at, f),
        Kind::Source => data.sources[r.index].refs(at, f),
        // An event refers to what it names, and belongs to its episode (or to the series,
        // when no source places it): that is the link both ways, "Events (9)" on a part.
        Kind::Event => {
            data.event(r).refs(at, f);
            match data.event_episode(r) {
                Some(episode) => f(at, Kind::Episode, data.id(episode)),
                None => f(at, Kind::Series, &data.series.id),
            }
        }
        Kind::Series => data.series.refs(at, f),
    }
}
