//! Record kinds and the handle that addresses one record.

/// The kinds of record a dataset holds, in pane order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Episode,
    Theme,
    Person,
    Footage,
    Quote,
    Source,
    /// Something an episode covers (or no source places): nested in its episode, or in the
    /// series' unplaced events, and addressed by its own id (`part-3/e04`).
    Event,
    /// The series itself: the one record the file's `series` object is.
    Series,
}

impl Kind {
    pub const ALL: [Kind; 8] =
        [Kind::Episode, Kind::Theme, Kind::Person, Kind::Footage, Kind::Quote, Kind::Source, Kind::Event, Kind::Series];

    /// The kinds that have a section (a top-level array) of their own in a dataset file.
    pub const FILED: [Kind; 6] = [Kind::Episode, Kind::Theme, Kind::Person, Kind::Footage, Kind::Quote, Kind::Source];

    /// The singular name used in `kind:id` references and `--kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Episode => "episode",
            Kind::Theme => "theme",
            Kind::Person => "person",
            Kind::Footage => "footage",
            Kind::Quote => "quote",
            Kind::Source => "source",
            Kind::Event => "event",
            Kind::Series => "series",
        }
    }

    /// The key of this kind's array in a dataset file (`quotes`, `people`, …).
    pub fn section(self) -> &'static str {
        match self {
            Kind::Episode => "episodes",
            Kind::Theme => "themes",
            Kind::Person => "people",
            Kind::Footage => "footage",
            Kind::Quote => "quotes",
            Kind::Source => "sources",
            // Not top-level arrays: events sit in `episodes[i].events` and
            // `series.unplaced_events`, the series is the `series` object.
            Kind::Event => "events",
            Kind::Series => "series",
        }
    }

    /// The heading for a list of this kind.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Episode => "Episodes",
            Kind::Theme => "Themes",
            Kind::Person => "People",
            Kind::Footage => "Footage",
            Kind::Quote => "Quotes",
            Kind::Source => "Sources",
            Kind::Event => "Events",
            Kind::Series => "Series",
        }
    }

    /// Accepts the singular, the plural and a few short forms (`ep`, `people`, `q`).
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "episode" | "episodes" | "ep" | "part" => Kind::Episode,
            "theme" | "themes" => Kind::Theme,
            "person" | "people" | "persons" => Kind::Person,
            "footage" | "session" | "sessions" => Kind::Footage,
            "quote" | "quotes" | "q" => Kind::Quote,
            "source" | "sources" | "src" => Kind::Source,
            "event" | "events" | "ev" => Kind::Event,
            "series" | "overview" => Kind::Series,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One record: its kind and its position in that kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    pub kind: Kind,
    pub index: usize,
}

impl RecordRef {
    pub fn new(kind: Kind, index: usize) -> Self {
        Self { kind, index }
    }
}
