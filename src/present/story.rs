//! What an event's and the series' details show: dates with their sources, the part an
//! event sits in, and the series' facts, credits, awards and conflicts.

use super::record::{Field, cite, notes, pair, prose};
use crate::data::model::{Event, Note, NoteKind, Reliability, When};
use crate::data::{Dataset, Kind, RecordRef};

fn ids<'s>(sources: &'s [crate::data::model::SourceId<'_>]) -> Vec<&'s str> {
    sources.iter().map(|s| s.as_str()).collect()
}

/// One date as read: `1992`, `about 1992`, `January 1991`.
pub fn when_label(when: &When) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = when.date.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied();
    let date = match parts.as_slice() {
        [decade] if decade.ends_with('s') => format!("the {decade}"),
        [y, m] => month(m).map_or_else(|| when.date.to_string(), |m| format!("{m} {y}")),
        [y, m, d] => {
            month(m).map_or_else(|| when.date.to_string(), |m| format!("{} {m} {y}", d.trim_start_matches('0')))
        }
        _ => when.date.to_string(),
    };
    if when.approximate { format!("about {date}") } else { date }
}

/// An event's dates on one line, each with its sources; `None` when undated.
pub fn when_line(event: &Event) -> Option<String> {
    if event.when.is_empty() {
        return None;
    }
    let dates: Vec<String> =
        event.when.iter().map(|w| format!("{}{}", when_label(w), cite(&ids(&w.sources)))).collect();
    Some(dates.join("; "))
}

/// Whether an event's sources give more than one date.
pub fn dates_conflict(event: &Event) -> bool {
    event.when.windows(2).any(|w| w[0].date != w[1].date)
}

pub(super) fn event_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let event = data.event(r);
    out.push(prose("Text", &event.text));
    let when = match when_line(event) {
        Some(line) if dates_conflict(event) => format!("{line} (the sources disagree)"),
        Some(line) => line,
        None => "undated (no source gives a date)".into(),
    };
    out.push(pair("When", when));
    let part = match data.event_episode(r) {
        Some(e) => format!("{} ({})", data.label(e), event.placement.label()),
        None => "unplaced (no source says which part)".into(),
    };
    out.push(pair("Part", part));
    out.push(pair("Support", event.support.label()));
    if event.reliability == Some(Reliability::Low) {
        out.push(pair("Reliability", "low (blog, forum repost, fan site or unidentified mirror)"));
    }
    notes(out, &event.notes);
}

/// Every conflict note of the series, its facts and its events, each once, in file order.
pub fn conflicts<'d>(data: &'d Dataset) -> Vec<&'d Note<'d>> {
    let series = &data.series;
    let all = series
        .notes
        .iter()
        .chain(series.facts.iter().flat_map(|f| &f.notes))
        .chain(data.records(Kind::Event).flat_map(|r| &data.event(r).notes));
    let mut seen = std::collections::HashSet::new();
    all.filter(|n| n.kind == NoteKind::Conflict && seen.insert(&*n.text)).collect()
}

/// A conflict with each side and its own sources (`2014 [a, b] · 2015 [c]`), or, for a note
/// without sides, its text and all its sources.
pub fn conflict_line(note: &Note) -> String {
    if note.sides.is_empty() {
        return format!("{}{}", note.text, cite(&ids(&note.sources)));
    }
    let topic = note.text.split_once(':').map_or(&*note.text, |(topic, _)| topic);
    let sides: Vec<String> = note.sides.iter().map(|s| format!("{}{}", s.says, cite(&ids(&s.sources)))).collect();
    format!("{topic}: {}", sides.join(" · "))
}

fn names(data: &Dataset, people: &[crate::data::model::PersonId]) -> String {
    let names: Vec<String> = people
        .iter()
        .map(|p| data.find(Kind::Person, p.as_str()).map_or_else(|| p.to_string(), |r| data.label(r).into_owned()))
        .collect();
    names.join(", ")
}

pub(super) fn series_fields(data: &Dataset, _: RecordRef, out: &mut Vec<Field>) {
    let s = &data.series;
    out.push(pair("Network", &s.network));
    out.push(pair("Format", &s.format));
    out.push(pair("Aired", format!("{} to {}", s.premiere, s.finale)));
    out.push(pair("Directed by", names(data, &s.directors)));
    out.push(prose("Summary", &s.summary));
    if !s.credits.is_empty() {
        let items = s
            .credits
            .iter()
            .map(|c| format!("{}: {}{}", c.role, names(data, &c.people), cite(&ids(&c.sources))))
            .collect();
        out.push(Field::Bullets { label: "Credits", items });
    }
    if !s.awards.is_empty() {
        let items = s
            .awards
            .iter()
            .map(|a| {
                format!(
                    "{} {}, {}: {} ({}). {}{}",
                    a.year,
                    a.name,
                    a.category,
                    a.result.label(),
                    a.support.label(),
                    a.detail,
                    cite(&ids(&a.sources))
                )
            })
            .collect();
        out.push(Field::Bullets { label: "Awards", items });
    }
    if !s.facts.is_empty() {
        let items = s
            .facts
            .iter()
            .map(|f| format!("{}: {} ({}){}", f.label, f.value, f.support.label(), cite(&ids(&f.sources))))
            .collect();
        out.push(Field::Bullets { label: "Facts", items });
    }
    // The unplaced events are its links ("Events (9)"), each to open.
    let conflicts = conflicts(data);
    if !conflicts.is_empty() {
        let items = conflicts.iter().map(|n| conflict_line(n)).collect();
        out.push(Field::Bullets { label: "Where the sources disagree", items });
    }
    let caveats: Vec<&Note> = s.notes.iter().filter(|n| n.kind == NoteKind::Caveat).collect();
    if !caveats.is_empty() {
        let items = caveats.iter().map(|n| format!("{}{}", n.text, cite(&ids(&n.sources)))).collect();
        out.push(Field::Bullets { label: "Caveats", items });
    }
}
