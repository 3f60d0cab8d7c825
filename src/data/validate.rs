//! Semantic checks on a parsed dataset: ids, references, required text, dates.
//!
//! Runs after serde has accepted the shape of every record. Every problem is collected
//! (nothing stops at the first) with the JSON path of the offending value; the loader
//! turns paths into line and column.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::diagnostic::{Code, Diagnostic, MAX_SHOWN, Report};
use super::load::MAX_ID_BYTES;
use super::path::JsonPath;
use super::schema::{self, VisitRefs as _};
use super::visible::{code_points, has_visible_text, hidden_in_id, shown_id, visible_key};
use super::{Dataset, Kind, RecordRef};

/// Which diagnostics to keep (the loader drops those a broken record already explains).
pub(super) type Keep<'k> = &'k (dyn Fn(&Diagnostic) -> bool + Sync);

/// Where checks put what they find: a report of its own per thread, bounded like every
/// report ([`Report::push`] only counts past [`super::diagnostic::MAX_KEPT`]).
struct Out<'k> {
    report: Report,
    keep: Keep<'k>,
}

impl<'k> Out<'k> {
    fn new(keep: Keep<'k>) -> Self {
        Self { report: Report::default(), keep }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        if (self.keep)(&diagnostic) {
            self.report.push(diagnostic);
        }
    }
}

/// Check everything that serde cannot, into `report` (unsorted).
///
/// References (≈ 6 look-ups per quote) are checked on a second thread while this one checks
/// the rest: about half of the time each at 100k records.
pub(super) fn check(data: &Dataset, keep: Keep, report: &mut Report) {
    let (out, references) = std::thread::scope(|scope| {
        let references = scope.spawn(|| {
            let mut out = Out::new(keep);
            check_references(data, &mut out);
            out.report
        });
        let mut out = Out::new(keep);
        check_ids(data, &mut out);
        check_required_text(data, &mut out);
        check_series(data, &mut out);
        check_episodes(data, &mut out);
        check_event_dates(data, &mut out);
        (out.report, references.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    report.extend(out);
    report.extend(references);
}

/// Add "did you mean" to the unknown ids among the diagnostics shown (the first
/// [`MAX_SHOWN`] of a sorted report). A suggestion scores every id of the kind, so making
/// one for each of 10k dangling references among 10k people took 57 s; the shown ones are
/// at most 50 (and each distinct id is scored once).
pub(super) fn suggest_shown(data: &Dataset, report: &mut Report) {
    let mut suggested: HashMap<(Kind, &str), Option<String>> = HashMap::new();
    for diagnostic in report.diagnostics.iter_mut().take(MAX_SHOWN) {
        let Some(Code::UnknownId { kind, id }) = &diagnostic.code else { continue };
        let best = suggested
            .entry((*kind, id.as_str()))
            .or_insert_with(|| data.closest_ids(Some(*kind), id).first().map(|(_, best)| shown_id(best)));
        if let Some(best) = best {
            diagnostic.message.push_str(&format!("; did you mean '{best}'?"));
        }
    }
}

fn id_path(data: &Dataset, r: RecordRef) -> JsonPath {
    match r.kind {
        Kind::Event => data.event_path(r).field("id"),
        Kind::Series => JsonPath::key("series").field("id"),
        _ => JsonPath::record(r.kind.section(), r.index).field("id"),
    }
}

/// Ids must be non-empty, visible text, at most [`MAX_ID_BYTES`], and unique per kind, also
/// after case folding, Unicode normalisation and dropping what does not show, so look-alike
/// ids cannot shadow each other.
fn check_ids(data: &Dataset, out: &mut Out) {
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Series) {
        if ids_are_plainly_unique(data, kind) {
            continue;
        }
        let name = kind.name();
        let mut exact: HashMap<&str, RecordRef> = HashMap::new();
        let mut folded: HashMap<String, RecordRef> = HashMap::new();
        for r in data.records(kind) {
            let id = data.id(r);
            let path = id_path(data, r);
            if id.trim().is_empty() {
                out.push(Diagnostic::error(path, format!("empty {name} id")));
                continue;
            }
            if id.len() > MAX_ID_BYTES {
                let message = format!("{name} id '{}' is too long: ids are at most 4 KiB", shown_id(id));
                out.push(Diagnostic::error(path, message));
                continue;
            }
            if let Some(&first) = exact.get(id) {
                let message = format!("duplicate {name} id '{}'", shown_id(id));
                out.push(Diagnostic::error(path, message).related(id_path(data, first)));
                continue;
            }
            exact.insert(id, r);
            let hidden = hidden_in_id(id);
            let key: String = visible_key(id).nfc().collect::<String>().to_lowercase();
            if let Some(&first) = folded.get(&key) {
                let other = data.id(first);
                let mut both = hidden.clone();
                both.extend(hidden_in_id(other).into_iter().filter(|c| !hidden.contains(c)));
                let (shown, other) = (shown_id(id), shown_id(other));
                let message = if both.is_empty() {
                    format!("{name} id '{shown}' differs from '{other}' only by case or Unicode form")
                } else {
                    format!(
                        "{name} id '{shown}' differs from '{other}' only by invisible characters ({})",
                        code_points(&both)
                    )
                };
                out.push(Diagnostic::error(path, message).related(id_path(data, first)));
                continue;
            }
            folded.insert(key, r);
            if !hidden.is_empty() {
                let message = format!(
                    "{name} id '{}' has characters that do not show ({}): ids must be visible text",
                    shown_id(id),
                    code_points(&hidden)
                );
                out.push(Diagnostic::error(path, message));
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
/// ASCII without capitals or edge spaces (so it is its own visible, NFC, lower-cased form,
/// and a folded clash would be an exact clash), not too long, and the id map built at load has one entry per record (no exact
/// duplicates). Anything else goes through the full check, which names the culprits.
fn ids_are_plainly_unique(data: &Dataset, kind: Kind) -> bool {
    data.ids(kind).len() == data.count(kind)
        && data.records(kind).all(|r| {
            let id = data.id(r);
            !id.trim().is_empty()
                && id.len() <= MAX_ID_BYTES
                && !id.starts_with(' ')
                && !id.ends_with(' ')
                && id.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        })
}

/// Every reference the schema declares (see [`schema`]) must name a record of its kind.
fn check_references(data: &Dataset, out: &mut Out) {
    // The message has no suggestion yet: see `suggest_shown`.
    let mut want = |at: &JsonPath, kind: Kind, id: &str| {
        if data.find(kind, id).is_none() {
            let message = format!("unknown {} id '{}'", kind.name(), shown_id(id));
            let code = Code::UnknownId { kind, id: id.to_string() };
            out.push(Diagnostic::error(at.clone(), message).with_code(Some(code)));
        }
    };
    data.series.refs(&mut JsonPath::key("series"), &mut want);
    // Events are walked inside their episodes (and the series), which give them their paths.
    for kind in Kind::FILED {
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

/// Text a reader needs must not be empty, only whitespace, or only characters that show
/// nothing by themselves.
fn check_required_text(data: &Dataset, out: &mut Out) {
    // The path is built only for an empty value (see `PathFn`).
    let mut need = |at: PathFn, field: &'static str, value: &str| {
        if value.trim().is_empty() {
            out.push(Diagnostic::error(at().field(field), format!("'{field}' must not be empty")));
        } else if !has_visible_text(value) {
            // Only joiners, combining marks, fillers or unusual spaces: prints as nothing.
            let message = format!("'{field}' must not be blank: it has no visible character");
            out.push(Diagnostic::error(at().field(field), message));
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

fn check_series(data: &Dataset, out: &mut Out) {
    for (field, value) in [("premiere", &data.series.premiere), ("finale", &data.series.finale)] {
        if let Err(message) = check_date(value) {
            out.push(Diagnostic::error(JsonPath::key("series").field(field), message));
        }
    }
}

fn check_episodes(data: &Dataset, out: &mut Out) {
    let number = |i: usize| JsonPath::record("episodes", i).field("number");
    let mut numbers: HashMap<u8, usize> = HashMap::new();
    for (i, e) in data.episodes.iter().enumerate() {
        if e.number == 0 {
            out.push(Diagnostic::error(number(i), "expected an integer from 1 to 255, found 0"));
        } else if let Some(first) = numbers.insert(e.number, i) {
            out.push(Diagnostic::error(
                number(i),
                format!("episode number {} is also used by episodes[{first}]", e.number),
            ));
        }
        if let Some(date) = &e.air_date
            && let Err(message) = check_date(date)
        {
            out.push(Diagnostic::error(JsonPath::record("episodes", i).field("air_date"), message));
        }
    }
}

/// An event's dates: a year, a month, a day or a decade (`1990s`), each with a source.
fn check_event_dates(data: &Dataset, out: &mut Out) {
    for r in data.records(Kind::Event) {
        for (i, when) in data.event(r).when.iter().enumerate() {
            let at = || data.event_path(r).field("when").index(i);
            if let Err(message) = check_when(&when.date) {
                out.push(Diagnostic::error(at().field("date"), message));
            }
            if when.sources.is_empty() {
                out.push(Diagnostic::error(at().field("sources"), "a date needs the source that gives it"));
            }
        }
    }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a calendar day) or a decade, `YYY0s`.
fn check_when(value: &str) -> Result<(), String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let expected = || format!("expected a year, YYYY-MM, YYYY-MM-DD or a decade (1990s), found '{value}'");
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 5 && y.ends_with("0s") && digits(&y[..4]) => Ok(()),
        [y] if y.len() == 4 && digits(y) && *y != "0000" => Ok(()),
        [y, m] if y.len() == 4 && digits(y) && m.len() == 2 && digits(m) && ("01"..="12").contains(m) => Ok(()),
        [_, _, _] => check_date(value),
        _ => Err(expected()),
    }
}

/// A date of the schema: `YYYY-MM-DD`, a day the (proleptic Gregorian) calendar has, from
/// year 1 on. The calendar is the `time` crate's (already in the tree through ratatui):
/// `2020-02-31` is no date, `2020-02-29` is. Year 0 is a valid ISO 8601 year but no
/// broadcast's, and "0000" is what a placeholder looks like.
fn check_date(value: &str) -> Result<(), String> {
    let format = || format!("expected a date as YYYY-MM-DD, found '{value}'");
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(format()) };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(format());
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(format());
    };
    let not_a_date = |why: String| Err(format!("'{value}' is not a calendar date: {why}"));
    if year == 0 {
        return not_a_date("there is no year 0 (years start at 0001)".into());
    }
    let Ok(month) = time::Month::try_from(month) else {
        return not_a_date(format!("there is no month {month:02}"));
    };
    match time::Date::from_calendar_date(year, month, day) {
        Ok(_) => Ok(()),
        Err(_) => not_a_date(format!("{month} {year} has {} days", month.length(year))),
    }
}

#[cfg(test)]
mod tests {
    use super::check_date;

    #[test]
    fn event_dates() {
        use super::check_when;
        for good in ["1992", "1991-01", "2014-04-01", "1990s"] {
            assert!(check_when(good).is_ok(), "{good}");
        }
        for bad in ["92", "1991-13", "2014-02-30", "1995s", "early 1990s", "0000", ""] {
            assert!(check_when(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(check_date("2017-07-09").is_ok());
        assert!(check_date("2020-02-29").is_ok());
        assert!(check_date("2017-13-01").is_err());
        assert!(check_date("July 9").is_err());
        assert!(check_date("2017-7-9").is_err());
        assert_eq!(
            check_date("2019-02-29"),
            Err("'2019-02-29' is not a calendar date: February 2019 has 28 days".into())
        );
        assert!(check_date("0000-01-01").is_err_and(|m| m.contains("no year 0")));
        assert!(check_date("2020-00-10").is_err_and(|m| m.contains("no month 00")));
    }
}
