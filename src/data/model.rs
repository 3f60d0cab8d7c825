//! The dataset schema as serde types.
//!
//! This file *is* the schema: the README's "Dataset schema" section describes the same
//! shapes. Every struct denies unknown fields so a typo (`titel`) is an error, not a
//! silently ignored key. References between records are typed ids (`PersonId`, …) so a
//! quote's speaker can only ever be looked up among people.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A string field: borrowed from the file's bytes when the JSON string has no escapes (the
/// common case, so loading allocates almost nothing per string), owned when it had escapes
/// or was changed by sanitizing.
///
/// Fields are declared as `Cow<'a, str>`, not as this alias: serde's derive borrows only a
/// field it can see is a `Cow<str>` (it matches the written type), and would copy every
/// string otherwise. `Option` and `Vec` fields borrow through [`borrowed`].
pub type Text<'a> = Cow<'a, str>;

/// Borrowing deserializers for `Option<Cow<str>>` and `Vec<Cow<str>>`, which serde's derive
/// would otherwise always copy.
mod borrowed {
    use std::borrow::Cow;

    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

    pub fn optional<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
        Ok(Option::<Borrowed<'a>>::deserialize(d)?.map(|b| b.0))
    }

    pub fn list<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Vec<Cow<'a, str>>, D::Error> {
        Ok(Vec::<Borrowed<'a>>::deserialize(d)?.into_iter().map(|b| b.0).collect())
    }
}

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name<'a>(#[serde(borrow)] pub Cow<'a, str>);

        impl $name<'_> {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// Id of an episode, e.g. `part-3`.
    EpisodeId,
    /// Id of a theme, e.g. `american-dream`.
    ThemeId,
    /// Id of a person, e.g. `dr-dre`.
    PersonId,
    /// Id of an archival footage session, e.g. `jj-fad-session`.
    FootageId,
    /// Id of a quote, e.g. `q01`.
    QuoteId,
    /// Id of a source, e.g. `seed`.
    SourceId,
);

/// The whole file: one series and six record collections.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile<'a> {
    /// Schema version; this build reads version 1.
    pub schema_version: u32,
    #[serde(borrow)]
    pub series: Series<'a>,
    #[serde(borrow)]
    pub episodes: Vec<Episode<'a>>,
    #[serde(borrow)]
    pub themes: Vec<Theme<'a>>,
    #[serde(borrow)]
    pub people: Vec<Person<'a>>,
    #[serde(borrow)]
    pub footage: Vec<Footage<'a>>,
    #[serde(borrow)]
    pub quotes: Vec<Quote<'a>>,
    #[serde(borrow)]
    pub sources: Vec<Source<'a>>,
}

/// How many independent sources back a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    /// Two or more independent sources (`[2+]` on the fact sheet).
    Multiple,
    /// A single source (`[1]`).
    Single,
}

impl Support {
    pub fn label(self) -> &'static str {
        match self {
            Support::Multiple => "2+ sources",
            Support::Single => "1 source",
        }
    }
}

/// Whether a source names the episode a piece of material is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// A source names the part.
    Explicit,
    /// Sources describe the content; the part is deduced from neighbouring material.
    Inferred,
    /// No source lets us place it.
    Unknown,
}

impl Placement {
    pub fn label(self) -> &'static str {
        match self {
            Placement::Explicit => "explicit",
            Placement::Inferred => "inferred",
            Placement::Unknown => "unknown",
        }
    }
}

/// Reliability flag carried over from the fact sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reliability {
    /// Fan blog, forum repost, content farm or unidentified mirror.
    Low,
}

/// A caveat or a conflict between sources, kept instead of silently picking one side.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note<'a> {
    pub kind: NoteKind,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(default, borrow)]
    pub sources: Vec<SourceId<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Conflict,
    Caveat,
}

/// One labelled fact about the series (runtime, filming period, …).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact<'a> {
    #[serde(borrow)]
    pub label: Cow<'a, str>,
    #[serde(borrow)]
    pub value: Cow<'a, str>,
    pub support: Support,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

/// A credit line: a role and the people credited with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit<'a> {
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(borrow)]
    pub people: Vec<PersonId<'a>>,
    pub support: Support,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwardResult {
    Won,
    Nominated,
    /// A win reported only weakly (e.g. by a URL title); shown with a caveat.
    ReportedWon,
}

impl AwardResult {
    pub fn label(self) -> &'static str {
        match self {
            AwardResult::Won => "won",
            AwardResult::Nominated => "nominated",
            AwardResult::ReportedWon => "reported won (weakly sourced)",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award<'a> {
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(borrow)]
    pub category: Cow<'a, str>,
    pub year: u16,
    pub result: AwardResult,
    #[serde(borrow)]
    pub detail: Cow<'a, str>,
    pub support: Support,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
}

/// The series itself: one per dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub year: u16,
    #[serde(borrow)]
    pub network: Cow<'a, str>,
    #[serde(borrow)]
    pub format: Cow<'a, str>,
    /// ISO dates (`YYYY-MM-DD`) of the first and last broadcast.
    #[serde(borrow)]
    pub premiere: Cow<'a, str>,
    #[serde(borrow)]
    pub finale: Cow<'a, str>,
    #[serde(borrow)]
    pub directors: Vec<PersonId<'a>>,
    #[serde(borrow)]
    pub summary: Cow<'a, str>,
    #[serde(default, borrow)]
    pub facts: Vec<Fact<'a>>,
    #[serde(default, borrow)]
    pub credits: Vec<Credit<'a>>,
    #[serde(default, borrow)]
    pub awards: Vec<Award<'a>>,
    /// Material no source lets us place in a part.
    #[serde(default, borrow)]
    pub unplaced_events: Vec<Event<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
}

/// Something an episode covers, in our own words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    pub placement: Placement,
    pub support: Support,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub people: Vec<PersonId<'a>>,
    #[serde(default, borrow)]
    pub themes: Vec<ThemeId<'a>>,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Episode<'a> {
    #[serde(borrow)]
    pub id: EpisodeId<'a>,
    pub number: u8,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// ISO date of the first broadcast, `null` when unknown.
    #[serde(borrow, deserialize_with = "borrowed::optional")]
    pub air_date: Option<Cow<'a, str>>,
    /// Free text such as "9 p.m. ET/PT".
    #[serde(default, borrow, deserialize_with = "borrowed::optional")]
    pub air_time: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub summary: Cow<'a, str>,
    #[serde(borrow)]
    pub events: Vec<Event<'a>>,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme<'a> {
    #[serde(borrow)]
    pub id: ThemeId<'a>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(borrow)]
    pub description: Cow<'a, str>,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    pub support: Support,
    #[serde(default, borrow)]
    pub episodes: Vec<EpisodeId<'a>>,
    #[serde(default, borrow)]
    pub people: Vec<PersonId<'a>>,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

/// A person's part in the story (the fact sheet's role vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Subject,
    Director,
    Crew,
    Interviewee,
    Archival,
    Discussed,
    Reenactment,
    Context,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Director => "director",
            Role::Crew => "crew",
            Role::Interviewee => "interviewee",
            Role::Archival => "archival",
            Role::Discussed => "discussed",
            Role::Reenactment => "reenactment",
            Role::Context => "context",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person<'a> {
    #[serde(borrow)]
    pub id: PersonId<'a>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// Other names: birth names, stage names, group members.
    #[serde(default, borrow, deserialize_with = "borrowed::list")]
    pub aka: Vec<Cow<'a, str>>,
    pub roles: Vec<Role>,
    #[serde(borrow)]
    pub description: Cow<'a, str>,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    #[serde(default, borrow)]
    pub episodes: Vec<EpisodeId<'a>>,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

/// An archival recording or writing session shown in the series.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footage<'a> {
    #[serde(borrow)]
    pub id: FootageId<'a>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    #[serde(borrow)]
    pub artist: Cow<'a, str>,
    /// What sources say is shown, in our own words.
    #[serde(borrow)]
    pub description: Cow<'a, str>,
    #[serde(borrow)]
    pub people: Vec<PersonId<'a>>,
    /// Era of the clip itself; `null` = no source says.
    #[serde(borrow, deserialize_with = "borrowed::optional")]
    pub era: Option<Cow<'a, str>>,
    /// Album the clip belongs to; `null` = no source says.
    #[serde(borrow, deserialize_with = "borrowed::optional")]
    pub album: Option<Cow<'a, str>>,
    /// Episode the footage appears in; `null` = unknown.
    #[serde(borrow)]
    pub episode: Option<EpisodeId<'a>>,
    pub placement: Placement,
    /// Background about the artist at the time, explicitly *not* confirmed for the clip.
    #[serde(default, borrow, deserialize_with = "borrowed::optional")]
    pub context: Option<Cow<'a, str>>,
    pub support: Support,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

/// Where a quote was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    /// Spoken in the documentary (as reported or transcribed).
    InSeries,
    /// An interview or statement about the series.
    Press,
    Other,
}

impl Setting {
    pub fn label(self) -> &'static str {
        match self {
            Setting::InSeries => "in the series",
            Setting::Press => "press",
            Setting::Other => "other",
        }
    }
}

/// The same remark as printed by another source, verbatim.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub source: SourceId<'a>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote<'a> {
    #[serde(borrow)]
    pub id: QuoteId<'a>,
    /// Verbatim, character for character, as the source prints it.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub speaker: PersonId<'a>,
    /// A qualifier on the speaker, e.g. "recalling his father's words".
    #[serde(default, borrow, deserialize_with = "borrowed::optional")]
    pub speaker_note: Option<Cow<'a, str>>,
    pub setting: Setting,
    /// Where exactly, e.g. "press (to Philip Cosores)".
    #[serde(borrow)]
    pub occasion: Cow<'a, str>,
    /// The source the text is copied from.
    #[serde(borrow)]
    pub source: SourceId<'a>,
    /// Every source that prints it (includes `source`).
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
    #[serde(default, borrow)]
    pub episode: Option<EpisodeId<'a>>,
    #[serde(default, borrow)]
    pub themes: Vec<ThemeId<'a>>,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    /// Only part of a sentence survives in the source.
    #[serde(default)]
    pub fragment: bool,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    /// Our own note on what the quote is about.
    #[serde(default, borrow, deserialize_with = "borrowed::optional")]
    pub context: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub variants: Vec<Variant<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Note<'a>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source<'a> {
    #[serde(borrow)]
    pub id: SourceId<'a>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    #[serde(borrow)]
    pub publication: Cow<'a, str>,
    #[serde(borrow)]
    pub url: Cow<'a, str>,
    /// Used only for background about artists or albums, not about the series.
    #[serde(default)]
    pub background: bool,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default, borrow, deserialize_with = "borrowed::optional")]
    pub note: Option<Cow<'a, str>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::ptr_arg, reason = "the point is to look at the Cow, not the str")]
    fn is_borrowed(text: &Cow<'_, str>) -> bool {
        matches!(text, Cow::Borrowed(_))
    }

    /// Loading speed depends on strings borrowing from the file; a field type serde's derive
    /// does not recognise as `Cow<str>` (an alias, an `Option`) silently copies instead.
    #[test]
    fn unescaped_strings_of_every_shape_borrow_from_the_input() {
        let json = r#"{"id": "p1", "name": "Ann", "aka": ["A"], "roles": ["subject"], "description": "d",
            "episodes": ["e1"], "sources": ["s1"], "notes": [{"kind": "caveat", "text": "n", "sources": ["s1"]}]}"#;
        let person: Person = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_borrowed(&person.id.0) && is_borrowed(&person.name) && is_borrowed(&person.description));
        assert!(person.aka.iter().all(is_borrowed) && is_borrowed(&person.episodes[0].0));
        assert!(is_borrowed(&person.sources[0].0) && is_borrowed(&person.notes[0].text));
        let json = r#"{"id": "s1", "title": "T", "publication": "P", "url": "u", "note": "n"}"#;
        let source: Source = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert!(source.note.as_ref().is_some_and(is_borrowed));
        // An escape needs unescaping, so that string is owned.
        let json = json.replace("\"T\"", r#""T\n""#);
        let escaped: Source = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert!(!is_borrowed(&escaped.title) && escaped.title == "T\n");
    }
}
