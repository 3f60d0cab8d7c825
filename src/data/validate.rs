//! Semantic checks on a parsed dataset: ids, references, required text, dates.
//!
//! Runs after serde has accepted the shape of every record. Every problem is collected
//! (nothing stops at the first) with the JSON path of the offending value; the loader
//! turns paths into line and column.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::diagnostic::Diagnostic;
use super::{Dataset, Kind, RecordRef};

/// Check everything that serde cannot: returns errors and warnings, unsorted.
///
/// References (≈ 6 look-ups per quote) are checked on a second thread while this one checks
/// the rest: about half of the time each at 100k records.
pub(super) fn check(data: &Dataset) -> Vec<Diagnostic> {
    let (mut out, references) = std::thread::scope(|scope| {
        let references = scope.spawn(|| {
            let mut out = Vec::new();
            check_references(data, &mut out);
            out
        });
        let mut out = Vec::new();
        check_ids(data, &mut out);
        check_required_text(data, &mut out);
        check_series(data, &mut out);
        check_episodes(data, &mut out);
        (out, references.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    out.extend(references);
    out
}

fn record_path(r: RecordRef) -> String {
    format!("{}[{}]", r.kind.section(), r.index)
}

/// Ids must be non-empty and unique per kind, also after case folding and Unicode
/// normalisation, so look-alike ids cannot shadow each other.
fn check_ids(data: &Dataset, out: &mut Vec<Diagnostic>) {
    for kind in Kind::ALL {
        if ids_are_plainly_unique(data, kind) {
            continue;
        }
        let mut exact: HashMap<&str, RecordRef> = HashMap::new();
        let mut folded: HashMap<String, RecordRef> = HashMap::new();
        for r in data.records(kind) {
            let id = data.id(r);
            let path = format!("{}.id", record_path(r));
            if id.trim().is_empty() {
                out.push(Diagnostic::error(path, format!("empty {} id", kind.name())));
                continue;
            }
            if let Some(&first) = exact.get(id) {
                out.push(
                    Diagnostic::error(path, format!("duplicate {} id '{id}'", kind.name()))
                        .related(format!("{}.id", record_path(first))),
                );
                continue;
            }
            exact.insert(id, r);
            let key: String = id.nfc().collect::<String>().to_lowercase();
            if let Some(&first) = folded.get(&key) {
                out.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "{} id '{id}' differs from '{}' only by case or Unicode form",
                            kind.name(),
                            data.id(first)
                        ),
                    )
                    .related(format!("{}.id", record_path(first))),
                );
            } else {
                folded.insert(key, r);
            }
        }
    }
}

// Paths are built only for a reference that fails: `at` and `path` are closures, so a clean
// dataset of 1M records does not format (and free) millions of path strings it never shows.
// At 100k records this took validation from 138 ms to a few ms.
type PathFn<'a> = &'a dyn Fn() -> String;

/// The common case, decided without building two maps per kind: every id is non-blank,
/// ASCII without capitals (so it is its own NFC, lower-cased form, and a folded clash would
/// be an exact clash), and the id map built at load has one entry per record (no exact
/// duplicates). Anything else goes through the full check, which names the culprits.
fn ids_are_plainly_unique(data: &Dataset, kind: Kind) -> bool {
    data.ids[kind as usize].len() == data.count(kind)
        && data.records(kind).all(|r| {
            let id = data.id(r);
            !id.trim().is_empty() && id.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        })
}

fn check_references(data: &Dataset, out: &mut Vec<Diagnostic>) {
    // A suggestion scores every id of the kind, so each wrong id is looked up once: a file
    // that repeats one typo 30,000 times took 11.6 s to validate before.
    let mut messages: HashMap<(Kind, String), String> = HashMap::new();
    let mut want = |path: PathFn, kind: Kind, id: &str| {
        if data.find(kind, id).is_none() {
            let message = messages.entry((kind, id.to_string())).or_insert_with(|| {
                let mut message = format!("unknown {} id '{id}'", kind.name());
                if let Some(best) = data.suggest(Some(kind), id).first() {
                    let best = best.split_once(':').map_or(best.as_str(), |(_, id)| id);
                    message.push_str(&format!("; did you mean '{best}'?"));
                }
                message
            });
            out.push(Diagnostic::error(path(), message.clone()));
        }
    };
    let s = &data.series;
    for (i, p) in s.directors.iter().enumerate() {
        want(&|| format!("series.directors[{i}]"), Kind::Person, p.as_str());
    }
    for (i, credit) in s.credits.iter().enumerate() {
        for (j, p) in credit.people.iter().enumerate() {
            want(&|| format!("series.credits[{i}].people[{j}]"), Kind::Person, p.as_str());
        }
        sources(&mut want, &|| format!("series.credits[{i}]"), &credit.sources);
    }
    for (i, fact) in s.facts.iter().enumerate() {
        sources(&mut want, &|| format!("series.facts[{i}]"), &fact.sources);
        notes(&mut want, &|| format!("series.facts[{i}]"), &fact.notes);
    }
    for (i, award) in s.awards.iter().enumerate() {
        sources(&mut want, &|| format!("series.awards[{i}]"), &award.sources);
    }
    for (i, event) in s.unplaced_events.iter().enumerate() {
        event_refs(&mut want, &|| format!("series.unplaced_events[{i}]"), event);
    }
    notes(&mut want, &|| "series".to_string(), &s.notes);
    sources(&mut want, &|| "series".to_string(), &s.sources);

    for (i, e) in data.episodes.iter().enumerate() {
        let at = || format!("episodes[{i}]");
        for (j, event) in e.events.iter().enumerate() {
            event_refs(&mut want, &|| format!("{}.events[{j}]", at()), event);
        }
        sources(&mut want, &at, &e.sources);
        notes(&mut want, &at, &e.notes);
    }
    for (i, t) in data.themes.iter().enumerate() {
        let at = || format!("themes[{i}]");
        for (j, e) in t.episodes.iter().enumerate() {
            want(&|| format!("{}.episodes[{j}]", at()), Kind::Episode, e.as_str());
        }
        for (j, p) in t.people.iter().enumerate() {
            want(&|| format!("{}.people[{j}]", at()), Kind::Person, p.as_str());
        }
        sources(&mut want, &at, &t.sources);
        notes(&mut want, &at, &t.notes);
    }
    for (i, p) in data.people.iter().enumerate() {
        let at = || format!("people[{i}]");
        for (j, e) in p.episodes.iter().enumerate() {
            want(&|| format!("{}.episodes[{j}]", at()), Kind::Episode, e.as_str());
        }
        sources(&mut want, &at, &p.sources);
        notes(&mut want, &at, &p.notes);
    }
    for (i, f) in data.footage.iter().enumerate() {
        let at = || format!("footage[{i}]");
        for (j, p) in f.people.iter().enumerate() {
            want(&|| format!("{}.people[{j}]", at()), Kind::Person, p.as_str());
        }
        if let Some(e) = &f.episode {
            want(&|| format!("{}.episode", at()), Kind::Episode, e.as_str());
        }
        sources(&mut want, &at, &f.sources);
        notes(&mut want, &at, &f.notes);
    }
    for (i, q) in data.quotes.iter().enumerate() {
        let at = || format!("quotes[{i}]");
        want(&|| format!("{}.speaker", at()), Kind::Person, q.speaker.as_str());
        if let Some(e) = &q.episode {
            want(&|| format!("{}.episode", at()), Kind::Episode, e.as_str());
        }
        for (j, t) in q.themes.iter().enumerate() {
            want(&|| format!("{}.themes[{j}]", at()), Kind::Theme, t.as_str());
        }
        want(&|| format!("{}.source", at()), Kind::Source, q.source.as_str());
        sources(&mut want, &at, &q.sources);
        for (j, v) in q.variants.iter().enumerate() {
            want(&|| format!("{}.variants[{j}].source", at()), Kind::Source, v.source.as_str());
        }
        notes(&mut want, &at, &q.notes);
    }
}

fn sources(want: &mut impl FnMut(PathFn, Kind, &str), at: PathFn, ids: &[super::model::SourceId]) {
    for (j, s) in ids.iter().enumerate() {
        want(&|| format!("{}.sources[{j}]", at()), Kind::Source, s.as_str());
    }
}

fn notes(want: &mut impl FnMut(PathFn, Kind, &str), at: PathFn, notes: &[super::model::Note]) {
    for (j, note) in notes.iter().enumerate() {
        sources(want, &|| format!("{}.notes[{j}]", at()), &note.sources);
    }
}

fn event_refs(want: &mut impl FnMut(PathFn, Kind, &str), at: PathFn, event: &super::model::Event) {
    for (k, p) in event.people.iter().enumerate() {
        want(&|| format!("{}.people[{k}]", at()), Kind::Person, p.as_str());
    }
    for (k, t) in event.themes.iter().enumerate() {
        want(&|| format!("{}.themes[{k}]", at()), Kind::Theme, t.as_str());
    }
    sources(want, at, &event.sources);
    notes(want, at, &event.notes);
}

/// Text a reader needs must not be empty (or only whitespace).
fn check_required_text(data: &Dataset, out: &mut Vec<Diagnostic>) {
    // The path is formatted only for an empty value (see `PathFn`).
    let mut need = |path: PathFn, value: &str| {
        if value.trim().is_empty() {
            let path = path();
            let field = path.rsplit('.').next().unwrap_or(&path).to_string();
            out.push(Diagnostic::error(path, format!("'{field}' must not be empty")));
        }
    };
    need(&|| "series.title".into(), &data.series.title);
    for (i, e) in data.episodes.iter().enumerate() {
        need(&|| format!("episodes[{i}].title"), &e.title);
        for (j, event) in e.events.iter().enumerate() {
            need(&|| format!("episodes[{i}].events[{j}].text"), &event.text);
        }
    }
    for (i, t) in data.themes.iter().enumerate() {
        need(&|| format!("themes[{i}].name"), &t.name);
        need(&|| format!("themes[{i}].description"), &t.description);
    }
    for (i, p) in data.people.iter().enumerate() {
        need(&|| format!("people[{i}].name"), &p.name);
        need(&|| format!("people[{i}].description"), &p.description);
    }
    for (i, f) in data.footage.iter().enumerate() {
        need(&|| format!("footage[{i}].title"), &f.title);
        need(&|| format!("footage[{i}].description"), &f.description);
    }
    for (i, q) in data.quotes.iter().enumerate() {
        need(&|| format!("quotes[{i}].text"), &q.text);
    }
    for (i, s) in data.sources.iter().enumerate() {
        need(&|| format!("sources[{i}].title"), &s.title);
    }
}

fn check_series(data: &Dataset, out: &mut Vec<Diagnostic>) {
    for (field, value) in [("premiere", &data.series.premiere), ("finale", &data.series.finale)] {
        if !is_iso_date(value) {
            out.push(Diagnostic::error(
                format!("series.{field}"),
                format!("expected a date as YYYY-MM-DD, found '{value}'"),
            ));
        }
    }
}

fn check_episodes(data: &Dataset, out: &mut Vec<Diagnostic>) {
    let mut numbers: HashMap<u8, usize> = HashMap::new();
    for (i, e) in data.episodes.iter().enumerate() {
        if e.number == 0 {
            out.push(Diagnostic::error(format!("episodes[{i}].number"), "episode numbers start at 1"));
        } else if let Some(first) = numbers.insert(e.number, i) {
            out.push(Diagnostic::error(
                format!("episodes[{i}].number"),
                format!("episode number {} is also used by episodes[{first}]", e.number),
            ));
        }
        if let Some(date) = &e.air_date
            && !is_iso_date(date)
        {
            out.push(Diagnostic::error(
                format!("episodes[{i}].air_date"),
                format!("expected a date as YYYY-MM-DD, found '{date}'"),
            ));
        }
    }
}

fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y, 4) && all_digits(m, 2) && all_digits(d, 2)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn dates() {
        assert!(is_iso_date("2017-07-09"));
        assert!(!is_iso_date("2017-13-01"));
        assert!(!is_iso_date("July 9"));
        assert!(!is_iso_date("2017-7-9"));
    }
}
