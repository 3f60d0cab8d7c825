//! Semantic checks on a parsed dataset: ids, references, required text, dates.
//!
//! Runs after serde has accepted the shape of every record. Every problem is collected
//! (nothing stops at the first) with the JSON path of the offending value; the loader
//! turns paths into line and column.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::diagnostic::{Code, Diagnostic};
use super::path::JsonPath;
use super::schema::{self, VisitRefs as _};
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

fn id_path(r: RecordRef) -> JsonPath {
    JsonPath::record(r.kind.section(), r.index).field("id")
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
            let path = id_path(r);
            if id.trim().is_empty() {
                out.push(Diagnostic::error(path, format!("empty {} id", kind.name())));
                continue;
            }
            if let Some(&first) = exact.get(id) {
                out.push(
                    Diagnostic::error(path, format!("duplicate {} id '{id}'", kind.name())).related(id_path(first)),
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
                    .related(id_path(first)),
                );
            } else {
                folded.insert(key, r);
            }
        }
    }
}

// Paths are built only for a value that fails: walks keep one path stack and clone it, or
// `PathFn` closures build one, so a clean dataset of 1M records does not build (and free)
// millions of paths it never shows. At 100k records this took validation from 138 ms to a
// few ms.
type PathFn<'a> = &'a dyn Fn() -> JsonPath;

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

/// Every reference the schema declares (see [`schema`]) must name a record of its kind.
fn check_references(data: &Dataset, out: &mut Vec<Diagnostic>) {
    // A suggestion scores every id of the kind, so each wrong id is looked up once: a file
    // that repeats one typo 30,000 times took 11.6 s to validate before.
    let mut messages: HashMap<(Kind, String), String> = HashMap::new();
    let mut want = |at: &JsonPath, kind: Kind, id: &str| {
        if data.find(kind, id).is_none() {
            let message = messages.entry((kind, id.to_string())).or_insert_with(|| unknown_id(data, kind, id));
            let code = Code::UnknownId { kind, id: id.to_string() };
            out.push(Diagnostic::error(at.clone(), message.clone()).with_code(Some(code)));
        }
    };
    data.series.refs(&mut JsonPath::key("series"), &mut want);
    for kind in Kind::ALL {
        for r in data.records(kind) {
            // Walked without a path first: only a record with a dangling reference pays for one.
            let mut resolves = true;
            schema::record_refs(data, r, &mut (), &mut |_, kind, id| resolves &= data.find(kind, id).is_some());
            if !resolves {
                schema::record_refs(data, r, &mut JsonPath::record(kind.section(), r.index), &mut want);
            }
        }
    }
}

fn unknown_id(data: &Dataset, kind: Kind, id: &str) -> String {
    let mut message = format!("unknown {} id '{id}'", kind.name());
    if let Some((_, best)) = data.closest_ids(Some(kind), id).first() {
        message.push_str(&format!("; did you mean '{best}'?"));
    }
    message
}

/// Text a reader needs must not be empty (or only whitespace).
fn check_required_text(data: &Dataset, out: &mut Vec<Diagnostic>) {
    // The path is built only for an empty value (see `PathFn`).
    let mut need = |at: PathFn, field: &'static str, value: &str| {
        if value.trim().is_empty() {
            out.push(Diagnostic::error(at().field(field), format!("'{field}' must not be empty")));
        }
    };
    need(&|| JsonPath::key("series"), "title", &data.series.title);
    let record = |kind: Kind, i: usize| move || JsonPath::record(kind.section(), i);
    for (i, e) in data.episodes.iter().enumerate() {
        need(&record(Kind::Episode, i), "title", &e.title);
        for (j, event) in e.events.iter().enumerate() {
            need(&|| record(Kind::Episode, i)().field("events").index(j), "text", &event.text);
        }
    }
    for (i, t) in data.themes.iter().enumerate() {
        need(&record(Kind::Theme, i), "name", &t.name);
        need(&record(Kind::Theme, i), "description", &t.description);
    }
    for (i, p) in data.people.iter().enumerate() {
        need(&record(Kind::Person, i), "name", &p.name);
        need(&record(Kind::Person, i), "description", &p.description);
    }
    for (i, f) in data.footage.iter().enumerate() {
        need(&record(Kind::Footage, i), "title", &f.title);
        need(&record(Kind::Footage, i), "description", &f.description);
    }
    for (i, q) in data.quotes.iter().enumerate() {
        need(&record(Kind::Quote, i), "text", &q.text);
    }
    for (i, s) in data.sources.iter().enumerate() {
        need(&record(Kind::Source, i), "title", &s.title);
    }
}

fn check_series(data: &Dataset, out: &mut Vec<Diagnostic>) {
    for (field, value) in [("premiere", &data.series.premiere), ("finale", &data.series.finale)] {
        if !is_iso_date(value) {
            out.push(Diagnostic::error(
                JsonPath::key("series").field(field),
                format!("expected a date as YYYY-MM-DD, found '{value}'"),
            ));
        }
    }
}

fn check_episodes(data: &Dataset, out: &mut Vec<Diagnostic>) {
    let number = |i: usize| JsonPath::record("episodes", i).field("number");
    let mut numbers: HashMap<u8, usize> = HashMap::new();
    for (i, e) in data.episodes.iter().enumerate() {
        if e.number == 0 {
            out.push(Diagnostic::error(number(i), "episode numbers start at 1"));
        } else if let Some(first) = numbers.insert(e.number, i) {
            out.push(Diagnostic::error(
                number(i),
                format!("episode number {} is also used by episodes[{first}]", e.number),
            ));
        }
        if let Some(date) = &e.air_date
            && !is_iso_date(date)
        {
            out.push(Diagnostic::error(
                JsonPath::record("episodes", i).field("air_date"),
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
