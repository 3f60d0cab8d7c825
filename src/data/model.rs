//! The dataset schema as serde types.
//!
//! This file *is* the schema: the README's "Dataset schema" section describes the same
//! shapes. Every struct denies unknown fields so a typo (`titel`) is an error, not a
//! silently ignored key. References between records are typed ids (`PersonId`, …) so a
//! quote's speaker can only ever be looked up among people.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
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
pub struct DatasetFile {
    /// Schema version; this build reads version 1.
    pub schema_version: u32,
    pub series: Series,
    pub episodes: Vec<Episode>,
    pub themes: Vec<Theme>,
    pub people: Vec<Person>,
    pub footage: Vec<Footage>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<Source>,
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
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    #[serde(default)]
    pub sources: Vec<SourceId>,
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
pub struct Fact {
    pub label: String,
    pub value: String,
    pub support: Support,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A credit line: a role and the people credited with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub role: String,
    pub people: Vec<PersonId>,
    pub support: Support,
    pub sources: Vec<SourceId>,
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
pub struct Award {
    pub name: String,
    pub category: String,
    pub year: u16,
    pub result: AwardResult,
    pub detail: String,
    pub support: Support,
    pub sources: Vec<SourceId>,
}

/// The series itself: one per dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub title: String,
    pub year: u16,
    pub network: String,
    pub format: String,
    /// ISO dates (`YYYY-MM-DD`) of the first and last broadcast.
    pub premiere: String,
    pub finale: String,
    pub directors: Vec<PersonId>,
    pub summary: String,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub credits: Vec<Credit>,
    #[serde(default)]
    pub awards: Vec<Award>,
    /// Material no source lets us place in a part.
    #[serde(default)]
    pub unplaced_events: Vec<Event>,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub sources: Vec<SourceId>,
}

/// Something an episode covers, in our own words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub text: String,
    pub placement: Placement,
    pub support: Support,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub people: Vec<PersonId>,
    #[serde(default)]
    pub themes: Vec<ThemeId>,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Episode {
    pub id: EpisodeId,
    pub number: u8,
    pub title: String,
    /// ISO date of the first broadcast, `null` when unknown.
    pub air_date: Option<String>,
    /// Free text such as "9 p.m. ET/PT".
    #[serde(default)]
    pub air_time: Option<String>,
    pub summary: String,
    pub events: Vec<Event>,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    pub description: String,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    pub support: Support,
    #[serde(default)]
    pub episodes: Vec<EpisodeId>,
    #[serde(default)]
    pub people: Vec<PersonId>,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub notes: Vec<Note>,
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
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// Other names: birth names, stage names, group members.
    #[serde(default)]
    pub aka: Vec<String>,
    pub roles: Vec<Role>,
    pub description: String,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    #[serde(default)]
    pub episodes: Vec<EpisodeId>,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// An archival recording or writing session shown in the series.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footage {
    pub id: FootageId,
    pub title: String,
    pub artist: String,
    /// What sources say is shown, in our own words.
    pub description: String,
    pub people: Vec<PersonId>,
    /// Era of the clip itself; `null` = no source says.
    pub era: Option<String>,
    /// Album the clip belongs to; `null` = no source says.
    pub album: Option<String>,
    /// Episode the footage appears in; `null` = unknown.
    pub episode: Option<EpisodeId>,
    pub placement: Placement,
    /// Background about the artist at the time, explicitly *not* confirmed for the clip.
    #[serde(default)]
    pub context: Option<String>,
    pub support: Support,
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub notes: Vec<Note>,
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
pub struct Variant {
    pub text: String,
    pub source: SourceId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: QuoteId,
    /// Verbatim, character for character, as the source prints it.
    pub text: String,
    pub speaker: PersonId,
    /// A qualifier on the speaker, e.g. "recalling his father's words".
    #[serde(default)]
    pub speaker_note: Option<String>,
    pub setting: Setting,
    /// Where exactly, e.g. "press (to Philip Cosores)".
    pub occasion: String,
    /// The source the text is copied from.
    pub source: SourceId,
    /// Every source that prints it (includes `source`).
    pub sources: Vec<SourceId>,
    #[serde(default)]
    pub episode: Option<EpisodeId>,
    #[serde(default)]
    pub themes: Vec<ThemeId>,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    /// Only part of a sentence survives in the source.
    #[serde(default)]
    pub fragment: bool,
    /// Named in the seed article.
    #[serde(default)]
    pub seed: bool,
    /// Our own note on what the quote is about.
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub variants: Vec<Variant>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publication: String,
    pub url: String,
    /// Used only for background about artists or albums, not about the series.
    #[serde(default)]
    pub background: bool,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default)]
    pub note: Option<String>,
}
