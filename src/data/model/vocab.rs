//! The closed vocabularies of the schema: support, placement, reliability, roles, …,
//! each with the label shown for it.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Conflict,
    Caveat,
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
