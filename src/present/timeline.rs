//! The events in time: dated events by year (the first date listed), then the undated
//! ones, each in a lane decided by its people — one subject's, the other's, or the middle
//! one for what involves both (or neither). Shared by the Timeline pane and
//! `defiant timeline`.

use crate::data::model::Role;
use crate::data::{Dataset, Kind, RecordRef};

/// Where an event goes across the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Only the first subject (the left lane).
    Left,
    /// Both subjects.
    Both,
    /// Only the second subject (the right lane).
    Right,
    /// Neither subject: drawn in the middle lane with its own marker.
    Other,
}

impl Lane {
    /// The marker a one-lane timeline puts before an event (and NO_COLOR uses everywhere).
    pub fn marker(self) -> &'static str {
        match self {
            Lane::Left => "◀",
            Lane::Both => "◆",
            Lane::Right => "▶",
            Lane::Other => "·",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub event: RecordRef,
    /// The earliest year its sources give; `None` when undated.
    pub year: Option<i32>,
    pub lane: Lane,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The two subjects whose lanes these are, left first (the one whose dated story starts
    /// earlier; file order when that does not decide).
    pub subjects: Vec<RecordRef>,
    /// Dated events in date order (file order within a date), then the undated.
    pub entries: Vec<Entry>,
}

/// Where an event is placed: its first date (the best supported, when sources disagree), in
/// a sortable form: `1991-01` before `1991-01-05` before `1991-02`, a decade at its start.
fn date_key(data: &Dataset, event: RecordRef) -> Option<(i32, String)> {
    data.event(event).when.first().and_then(|w| w.year().map(|y| (y, w.date.to_string())))
}

impl Timeline {
    pub fn build(data: &Dataset) -> Self {
        let mut subjects: Vec<RecordRef> =
            data.records(Kind::Person).filter(|&p| data.people[p.index].roles.contains(&Role::Subject)).collect();
        subjects.truncate(2);
        let involves = |event: RecordRef, person: RecordRef| {
            data.event(event).people.iter().any(|p| p.as_str() == data.id(person))
        };
        let mut dated: Vec<(i32, String, RecordRef)> = Vec::new();
        let mut undated = Vec::new();
        for event in data.records(Kind::Event) {
            match date_key(data, event) {
                Some((year, date)) => dated.push((year, date, event)),
                None => undated.push(event),
            }
        }
        dated.sort();
        // The subject whose first dated event comes first is on the left.
        let first = |s: RecordRef| dated.iter().position(|&(_, _, e)| involves(e, s)).unwrap_or(usize::MAX);
        if let [a, b] = subjects[..]
            && first(b) < first(a)
        {
            subjects.swap(0, 1);
        }
        let lane = |event: RecordRef| match subjects[..] {
            [left, right] => match (involves(event, left), involves(event, right)) {
                (true, true) => Lane::Both,
                (true, false) => Lane::Left,
                (false, true) => Lane::Right,
                (false, false) => Lane::Other,
            },
            _ => Lane::Other,
        };
        let entries = dated
            .iter()
            .map(|&(year, _, event)| Entry { event, year: Some(year), lane: lane(event) })
            .chain(undated.into_iter().map(|event| Entry { event, year: None, lane: lane(event) }))
            .collect();
        Self { subjects, entries }
    }

    /// The entries a filter keeps: between two years (inclusive) and involving a person.
    pub fn filtered(
        &self,
        data: &Dataset,
        from: Option<i32>,
        to: Option<i32>,
        person: Option<RecordRef>,
    ) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| from.is_none_or(|f| e.year.is_some_and(|y| y >= f)))
            .filter(|e| to.is_none_or(|t| e.year.is_some_and(|y| y <= t)))
            .filter(|e| person.is_none_or(|p| data.event(e.event).people.iter().any(|id| id.as_str() == data.id(p))))
            .collect()
    }

    /// The index of the first entry of the decade after (or before) the one of entry `at`.
    pub fn next_decade(&self, at: usize, forward: bool) -> Option<usize> {
        let decade = |i: usize| self.entries.get(i).and_then(|e| e.year).map(|y| y.div_euclid(10));
        let here = decade(at);
        if forward {
            (at + 1..self.entries.len()).find(|&i| decade(i) != here)
        } else {
            // The start of the previous decade: step back out of this one, then to its start.
            let before = (0..at).rev().find(|&i| decade(i) != here)?;
            let target = decade(before);
            Some((0..=before).rev().take_while(|&i| decade(i) == target).last().unwrap_or(before))
        }
    }

    /// How many events have a date.
    pub fn dated(&self) -> usize {
        self.entries.iter().filter(|e| e.year.is_some()).count()
    }
}

/// The year column of an event: `1992`, `~1990s` where the source is approximate, `undated`.
pub fn year_column(data: &Dataset, event: RecordRef) -> String {
    match data.event(event).when.first() {
        Some(w) => {
            let year =
                if w.date.ends_with('s') { w.date.to_string() } else { w.date.get(..4).unwrap_or("").to_string() };
            if w.approximate { format!("~{year}") } else { year }
        }
        None => "undated".into(),
    }
}
