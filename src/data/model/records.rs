//! The six record kinds a dataset lists: episodes, themes, people, footage, quotes and
//! sources.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{
    EpisodeId, Event, FootageId, Note, PersonId, Placement, QuoteId, Reliability, Role, Setting, SourceId, Support,
    ThemeId, borrowed,
};

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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person<'a> {
    #[serde(borrow)]
    pub id: PersonId<'a>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// Other names: birth names and stage names.
    #[serde(default, borrow, deserialize_with = "borrowed::list")]
    pub aka: Vec<Cow<'a, str>>,
    /// For a group: its members, as people ("Members" on the group, "Member of" on each).
    #[serde(default, borrow, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<PersonId<'a>>,
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
