//! The dataset: typed records, id lookups and the link graph between records.
//!
//! A [`Dataset`] is built once at load time ([`load`]) and never mutated afterwards; the
//! TUI, the command line and search all read it. Records are addressed by [`RecordRef`]
//! (kind + index), which is `Copy` and cheap to keep in lists and history.

pub mod diagnostic;
mod kind;
mod links;
pub mod load;
pub mod locate;
pub mod model;
pub mod path;
pub mod schema;
mod stored;
mod validate;
mod visible;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use kind::{Kind, RecordRef};
use links::LinkGraph;
pub use links::LinkGroup;
pub use load::{LoadError, Loaded};
use model::*;
pub use stored::{Names, Records, Strings, U32s};

/// All records of one dataset, with id maps built at load.
#[derive(Debug)]
pub struct Dataset<'a> {
    pub series: Series<'a>,
    pub episodes: Records<'a, Episode<'a>>,
    pub themes: Records<'a, Theme<'a>>,
    pub people: Records<'a, Person<'a>>,
    pub footage: Records<'a, Footage<'a>>,
    pub quotes: Records<'a, Quote<'a>>,
    pub sources: Records<'a, Source<'a>>,
    /// Id → index per kind, built on first look-up. Duplicate ids keep the first record.
    ids: [OnceLock<HashMap<Text<'a>, u32, IdHash>>; Kind::ALL.len()],
    /// Every record's id and label, when read from a snapshot (so neither needs a decode).
    names: Option<Names<'a>>,
    /// Every event, episode by episode in file order, then the series' unplaced ones.
    events: Vec<EventSlot<'a>>,
    links: OnceLock<LinkGraph<'a>>,
    /// The file's text, which borrowed strings point into ("" when it was not valid UTF-8).
    file_text: &'a str,
}

/// A dataset's parts as a snapshot stores them (see [`Dataset::from_stored`]).
pub struct Stored<'a> {
    pub series: Series<'a>,
    pub episodes: Records<'a, Episode<'a>>,
    pub themes: Records<'a, Theme<'a>>,
    pub people: Records<'a, Person<'a>>,
    pub footage: Records<'a, Footage<'a>>,
    pub quotes: Records<'a, Quote<'a>>,
    pub sources: Records<'a, Source<'a>>,
    pub names: Names<'a>,
    /// The link graph's stored form ([`Dataset::write_links`]).
    pub links: &'a [u8],
}

impl<'a> Dataset<'a> {
    /// Lookups over already validated records are built on first use.
    pub(crate) fn from_file(file: DatasetFile<'a>, source: &'a str) -> Self {
        let mut dataset = Self {
            series: file.series,
            episodes: file.episodes.into(),
            themes: file.themes.into(),
            people: file.people.into(),
            footage: file.footage.into(),
            quotes: file.quotes.into(),
            sources: file.sources.into(),
            events: Vec::new(),
            ids: Default::default(),
            names: None,
            links: OnceLock::new(),
            file_text: source,
        };
        dataset.events = EventSlot::all(&dataset.episodes, &dataset.series);
        dataset
    }

    /// A dataset read back from a snapshot: its records were sanitized and validated when
    /// the snapshot was made; they, their ids and labels and the link graph are read from
    /// the snapshot's bytes as they are needed.
    pub fn from_stored(stored: Stored<'a>) -> Self {
        let mut dataset = Self {
            series: stored.series,
            episodes: stored.episodes,
            themes: stored.themes,
            people: stored.people,
            footage: stored.footage,
            quotes: stored.quotes,
            sources: stored.sources,
            ids: Default::default(),
            names: Some(stored.names),
            events: Vec::new(),
            links: OnceLock::new(),
            // Nothing is built over it: the index comes with the snapshot.
            file_text: "",
        };
        // Events sit in their episodes (a few records, decoded for this).
        dataset.events = EventSlot::all(&dataset.episodes, &dataset.series);
        let _ = dataset.links.set(LinkGraph::stored(&dataset, stored.links));
        dataset
    }

    /// Append every record's id and label (as `text` ranges from `range`), for a
    /// snapshot's [`Names`] table.
    pub fn write_names(&self, out: &mut Vec<u8>, range: &mut dyn FnMut(&str) -> (u32, u32)) {
        for kind in Kind::ALL {
            for r in self.records(kind) {
                for text in [self.id(r), &self.label(r)] {
                    let (start, len) = range(text);
                    out.extend_from_slice(&start.to_le_bytes());
                    out.extend_from_slice(&len.to_le_bytes());
                }
            }
        }
    }

    /// Append the link graph's stored form (building the graph if it was not yet).
    pub fn write_links(&self, out: &mut Vec<u8>) {
        self.graph().write_to(out);
    }

    /// A record's number among all records, kind by kind (the names table's order).
    fn global(&self, r: RecordRef) -> usize {
        Kind::ALL.iter().take_while(|&&k| k != r.kind).map(|&k| self.count(k)).sum::<usize>() + r.index
    }

    /// Every record, borrowed, in the shape of a [`DatasetFile`] (what a snapshot stores
    /// and reads back as one).
    pub fn as_file(&self) -> FileView<'_, 'a> {
        FileView {
            schema_version: load::SCHEMA_VERSION,
            series: &self.series,
            episodes: &self.episodes,
            themes: &self.themes,
            people: &self.people,
            footage: &self.footage,
            quotes: &self.quotes,
            sources: &self.sources,
        }
    }

    /// The dataset bundled into the binary.
    pub fn bundled() -> Result<Loaded<'static>, LoadError> {
        load::from_bytes(load::BUNDLED_NAME, load::BUNDLED.as_bytes())
    }

    /// The text of the file the dataset was loaded from. The search index refers to the
    /// fields that are slices of it instead of copying them.
    pub fn file_text(&self) -> &'a str {
        self.file_text
    }

    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Episode => self.episodes.len(),
            Kind::Theme => self.themes.len(),
            Kind::Person => self.people.len(),
            Kind::Footage => self.footage.len(),
            Kind::Quote => self.quotes.len(),
            Kind::Source => self.sources.len(),
            Kind::Event => self.events.len(),
            Kind::Series => 1,
        }
    }

    /// How many records the file's sections hold (events and the series not counted).
    pub fn total(&self) -> usize {
        Kind::FILED.iter().map(|&k| self.count(k)).sum()
    }

    /// Every record of a kind, in file order.
    pub fn records(&self, kind: Kind) -> impl ExactSizeIterator<Item = RecordRef> + '_ {
        (0..self.count(kind)).map(move |i| RecordRef::new(kind, i))
    }

    /// The series record.
    pub fn series_ref(&self) -> RecordRef {
        RecordRef::new(Kind::Series, 0)
    }

    /// The event record `r` (of kind [`Kind::Event`]).
    pub fn event(&self, r: RecordRef) -> &Event<'a> {
        let slot = &self.events[r.index];
        match slot.episode {
            Some(e) => &self.episodes[e as usize].events[slot.index as usize],
            None => &self.series.unplaced_events[slot.index as usize],
        }
    }

    /// The episode an event sits in (`None` for the series' unplaced events).
    pub fn event_episode(&self, r: RecordRef) -> Option<RecordRef> {
        self.events[r.index].episode.map(|e| RecordRef::new(Kind::Episode, e as usize))
    }

    /// Where an event sits in the file (`episodes[2].events[3]`, `series.unplaced_events[0]`).
    pub fn event_path(&self, r: RecordRef) -> path::JsonPath {
        let slot = &self.events[r.index];
        match slot.episode {
            Some(e) => path::JsonPath::record("episodes", e as usize).field("events").index(slot.index as usize),
            None => path::JsonPath::key("series").field("unplaced_events").index(slot.index as usize),
        }
    }

    /// The events of episode `episode`, in file order.
    pub fn events_of(&self, episode: RecordRef) -> impl Iterator<Item = RecordRef> + '_ {
        let target = Some(episode.index as u32);
        let start = self.events.partition_point(|s| s.episode.is_some_and(|e| (e as usize) < episode.index));
        self.events[start..]
            .iter()
            .take_while(move |s| s.episode == target)
            .enumerate()
            .map(move |(i, _)| RecordRef::new(Kind::Event, start + i))
    }

    /// The series' unplaced events.
    pub fn unplaced_events(&self) -> impl Iterator<Item = RecordRef> + '_ {
        let start = self.events.len() - self.series.unplaced_events.len();
        (start..self.events.len()).map(|i| RecordRef::new(Kind::Event, i))
    }

    pub fn find(&self, kind: Kind, id: &str) -> Option<RecordRef> {
        self.ids(kind).get(id).map(|&i| RecordRef::new(kind, i as usize))
    }

    /// The id map of a kind, built the first time it is asked for.
    fn ids(&self, kind: Kind) -> &HashMap<Text<'a>, u32, IdHash> {
        self.ids[kind as usize].get_or_init(|| {
            let mut map = HashMap::with_capacity_and_hasher(self.count(kind), IdHash::default());
            for index in 0..self.count(kind) {
                map.entry(self.id_text(RecordRef::new(kind, index))).or_insert(index as u32);
            }
            map
        })
    }

    /// Records of any kind with this id (ids are unique per kind, not across kinds).
    pub fn find_any(&self, id: &str) -> Vec<RecordRef> {
        Kind::ALL.iter().filter_map(|&k| self.find(k, id)).collect()
    }

    /// Resolve `KIND:ID` or a bare `ID` (when it names exactly one record).
    pub fn resolve(&self, reference: &str) -> Result<RecordRef, ResolveError> {
        // `series` alone names the one series record, whatever its id.
        if reference.eq_ignore_ascii_case("series") && self.find(Kind::Series, reference).is_none() {
            return Ok(self.series_ref());
        }
        if let Some((kind, id)) = reference.split_once(':')
            && let Some(kind) = Kind::parse(kind)
        {
            return self
                .find(kind, id)
                .ok_or_else(|| ResolveError::NotFound { kind: Some(kind), suggestions: self.suggest(Some(kind), id) });
        }
        match self.find_any(reference).as_slice() {
            [one] => Ok(*one),
            [] => Err(ResolveError::NotFound { kind: None, suggestions: self.suggest(None, reference) }),
            many => Err(ResolveError::Ambiguous(many.to_vec())),
        }
    }

    /// Up to five ids close to `id`, best first, as `kind:id`.
    pub fn suggest(&self, kind: Option<Kind>, id: &str) -> Vec<String> {
        self.closest_ids(kind, id).into_iter().map(|(k, id)| format!("{}:{id}", k.name())).collect()
    }

    /// Up to five ids close to `id`, best first, with their kinds.
    pub(crate) fn closest_ids(&self, kind: Option<Kind>, id: &str) -> Vec<(Kind, &str)> {
        // Jaro-Winkler costs the product of the lengths: two 4 KB ids took 25 ms. An id that
        // long is no typo of a readable one, so long ids are neither suggested nor given
        // suggestions.
        if id.len() > MAX_SUGGESTED_BYTES {
            return Vec::new();
        }
        let wanted = id.to_lowercase();
        // Scored without allocating (most ids are lower-case already); only the few that
        // pass are formatted. Validation asks this once per unknown reference.
        let mut scored: Vec<(f64, Kind, &str)> = Kind::ALL
            .iter()
            .filter(|&&k| kind.is_none_or(|want| want == k))
            .flat_map(|&k| self.ids(k).keys().map(move |candidate| (k, candidate.as_ref())))
            .filter(|(_, candidate): &(Kind, &str)| candidate.len() <= MAX_SUGGESTED_BYTES)
            .filter_map(|(k, candidate): (Kind, &str)| {
                let folded: Cow<str> = if candidate.chars().any(char::is_uppercase) {
                    Cow::Owned(candidate.to_lowercase())
                } else {
                    Cow::Borrowed(candidate)
                };
                let mut score = strsim::jaro_winkler(&wanted, &folded);
                if candidate.contains(&wanted) && !wanted.is_empty() {
                    score += 0.2;
                }
                (score > 0.75).then_some((score, k, candidate))
            })
            .collect();
        // Best first, then by `kind:id` (no kind's name is a prefix of another's, so comparing
        // the name, then the id, orders as the formatted text does).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| (a.1.name(), a.2).cmp(&(b.1.name(), b.2))));
        scored.into_iter().take(5).map(|(_, k, id)| (k, id)).collect()
    }

    pub fn id(&self, r: RecordRef) -> &str {
        if let Some(names) = &self.names {
            return names.id(self.global(r));
        }
        match r.kind {
            Kind::Episode => &self.episodes[r.index].id.0,
            Kind::Theme => &self.themes[r.index].id.0,
            Kind::Person => &self.people[r.index].id.0,
            Kind::Footage => &self.footage[r.index].id.0,
            Kind::Quote => &self.quotes[r.index].id.0,
            Kind::Source => &self.sources[r.index].id.0,
            Kind::Event => &self.events[r.index].id,
            Kind::Series => &self.series.id,
        }
    }

    /// A record's id as stored: copies no bytes when it borrows from the file.
    fn id_text(&self, r: RecordRef) -> Text<'a> {
        if let Some(names) = &self.names {
            return Cow::Borrowed(names.id(self.global(r)));
        }
        match r.kind {
            Kind::Episode => self.episodes[r.index].id.0.clone(),
            Kind::Theme => self.themes[r.index].id.0.clone(),
            Kind::Person => self.people[r.index].id.0.clone(),
            Kind::Footage => self.footage[r.index].id.0.clone(),
            Kind::Quote => self.quotes[r.index].id.0.clone(),
            Kind::Source => self.sources[r.index].id.0.clone(),
            Kind::Event => self.events[r.index].id.clone(),
            Kind::Series => self.series.id.clone(),
        }
    }

    /// A one-line human label: a name, a title, or a quote's text on one line.
    pub fn label(&self, r: RecordRef) -> Cow<'_, str> {
        if let Some(names) = &self.names {
            return Cow::Borrowed(names.label(self.global(r)));
        }
        match r.kind {
            Kind::Episode => Cow::Borrowed(&self.episodes[r.index].title),
            Kind::Theme => Cow::Borrowed(&self.themes[r.index].name),
            Kind::Person => Cow::Borrowed(&self.people[r.index].name),
            Kind::Footage => Cow::Borrowed(&self.footage[r.index].title),
            Kind::Quote => one_line(&self.quotes[r.index].text),
            Kind::Source => Cow::Borrowed(&self.sources[r.index].title),
            Kind::Event => one_line(&self.event(r).text),
            Kind::Series => Cow::Borrowed(&self.series.title),
        }
    }

    /// `kind:id`, the deep-link form accepted by `show` and `--open`.
    pub fn deep_link(&self, r: RecordRef) -> String {
        format!("{}:{}", r.kind.name(), self.id(r))
    }

    /// The person who said a quote, when the speaker resolves.
    pub fn speaker(&self, quote: &Quote<'_>) -> Option<&Person<'a>> {
        self.find(Kind::Person, quote.speaker.as_str()).map(|r| &self.people[r.index])
    }

    /// Who said a quote: the speaker's name, or the bare id when it does not resolve.
    pub fn speaker_name<'s>(&'s self, quote: &'s Quote<'_>) -> &'s str {
        self.speaker(quote).map_or(quote.speaker.as_str(), |p| &p.name)
    }

    pub fn source(&self, id: &SourceId<'_>) -> Option<&Source<'a>> {
        self.find(Kind::Source, id.as_str()).map(|r| &self.sources[r.index])
    }

    pub fn episode(&self, id: &EpisodeId<'_>) -> Option<&Episode<'a>> {
        self.find(Kind::Episode, id.as_str()).map(|r| &self.episodes[r.index])
    }

    fn graph(&self) -> &LinkGraph<'a> {
        self.links.get_or_init(|| LinkGraph::build(self))
    }

    /// Every record this one is linked with, both directions, grouped by kind with counts.
    /// A person's links to people are split by direction where a group names its members:
    /// "Members" on the group, "Member of" on a member.
    pub fn link_groups(&self, r: RecordRef) -> Vec<LinkGroup> {
        let mut groups = self.graph().groups(r);
        if r.kind == Kind::Person
            && let Some(at) = groups.iter().position(|g| g.kind == Kind::Person)
        {
            let people = groups.remove(at);
            let person = &self.people[r.index];
            let is_member = |p: RecordRef| person.members.iter().any(|m| m.as_str() == self.id(p));
            let is_group = |p: RecordRef| self.people[p.index].members.iter().any(|m| m.as_str() == self.id(r));
            let (members, rest): (Vec<_>, Vec<_>) = people.items.into_iter().partition(|&p| is_member(p));
            let (groups_of, rest): (Vec<_>, Vec<_>) = rest.into_iter().partition(|&p| is_group(p));
            let split = [("Members", members), ("Member of", groups_of), ("People", rest)];
            for (i, (label, items)) in split.into_iter().filter(|(_, items)| !items.is_empty()).enumerate() {
                groups.insert(at + i, LinkGroup { kind: Kind::Person, label: label.into(), items });
            }
        }
        groups
    }
}

/// Where one event sits, and its id.
#[derive(Debug, Clone)]
struct EventSlot<'a> {
    /// Index of its episode; `None` for the series' unplaced events.
    episode: Option<u32>,
    /// Its index in that episode's (or the series') event list.
    index: u32,
    id: Text<'a>,
}

impl<'a> EventSlot<'a> {
    fn all(episodes: &[Episode<'a>], series: &Series<'a>) -> Vec<Self> {
        let slot = |episode: Option<u32>, owner: &str, index: usize, event: &Event<'a>| EventSlot {
            episode,
            index: index as u32,
            id: event.id.as_ref().map_or_else(|| Cow::Owned(format!("{owner}/e{:02}", index + 1)), |id| id.0.clone()),
        };
        let mut all = Vec::new();
        for (e, episode) in episodes.iter().enumerate() {
            let owner = episode.id.as_str();
            all.extend(episode.events.iter().enumerate().map(|(i, ev)| slot(Some(e as u32), owner, i, ev)));
        }
        all.extend(series.unplaced_events.iter().enumerate().map(|(i, ev)| slot(None, "unplaced", i, ev)));
        all
    }
}

/// A dataset's records by reference, serialized exactly as a [`DatasetFile`] is (same
/// fields, same order): a kind added to one must be added to the other.
#[derive(serde::Serialize)]
pub struct FileView<'d, 'a> {
    schema_version: u32,
    series: &'d Series<'a>,
    episodes: &'d [Episode<'a>],
    themes: &'d [Theme<'a>],
    people: &'d [Person<'a>],
    footage: &'d [Footage<'a>],
    quotes: &'d [Quote<'a>],
    sources: &'d [Source<'a>],
}

/// The hasher of the id maps: FxHash (rustc-hash, as in rustc), several times faster than
/// the default SipHash on short ids. Id look-ups run once per reference while loading (≈6
/// per quote) and once per quote while indexing. SipHash's defence against crafted
/// collisions is not needed for a local data file: the worst case is a slow load of it.
type IdHash = rustc_hash::FxBuildHasher;

/// Ids longer than this (in bytes) take no part in "did you mean".
const MAX_SUGGESTED_BYTES: usize = 128;

/// Why a `KIND:ID` reference did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    NotFound { kind: Option<Kind>, suggestions: Vec<String> },
    Ambiguous(Vec<RecordRef>),
}

fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains('\n') { Cow::Owned(text.replace('\n', " ")) } else { Cow::Borrowed(text) }
}
