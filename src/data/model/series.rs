//! The series record and the parts it shares with records: notes, facts, credits,
//! awards and events.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{AwardResult, EventId, NoteKind, PersonId, Placement, Reliability, SourceId, Support, ThemeId};

/// A caveat or a conflict between sources, kept instead of silently picking one side.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note<'a> {
    pub kind: NoteKind,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// For a conflict: what each side says and the sources that say it.
    #[serde(default, borrow, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<Side<'a>>,
    #[serde(default, borrow)]
    pub sources: Vec<SourceId<'a>>,
}

/// One side of a conflict: its claim, in our words, and the sources that make it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side<'a> {
    #[serde(borrow)]
    pub says: Cow<'a, str>,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
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
    /// Its id; when absent, one is made from where it sits (`part-3/e04`, `unplaced/e02`).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub id: Option<EventId<'a>>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// When it happened, as a source states it; several entries when sources disagree.
    /// Empty = no source dates it (nothing is dated from memory).
    #[serde(default, borrow, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<When<'a>>,
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

/// A date a source gives for an event: a year (`1992`), a month (`1991-01`) or a day
/// (`2014-04-01`), `approximate` where the source says "around" or "early 1990s".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When<'a> {
    #[serde(borrow)]
    pub date: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    #[serde(borrow)]
    pub sources: Vec<SourceId<'a>>,
}

impl When<'_> {
    /// The year, when the date starts with four digits.
    pub fn year(&self) -> Option<i32> {
        self.date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())).and_then(|y| y.parse().ok())
    }
}
