//! The slow path, for a file with wrong types: the file is split into records
//! (`RawValue`s, which keep their byte offsets), each record is parsed on its own with path
//! tracking, and the records that parse are validated together, so one run reports every
//! broken record. Only the first error of the whole-file parse sent us here; its message is
//! not looked at again.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::messages::{closest, translate};
use super::section::parse_section;
use super::{SCHEMA_VERSION, SECTIONS, error_at, offset_of};
use crate::data::Kind;
use crate::data::diagnostic::{Code, Diagnostic, Report};
use crate::data::locate;
use crate::data::model::DatasetFile;
use crate::data::path::JsonPath;

/// Records that failed to parse on their own, so their ids are known to exist and dangling
/// reference errors that only echo them are not reported twice.
#[derive(Default)]
pub(super) struct Broken {
    /// `Code::UnknownId` of each id a broken record gives.
    pub(super) ids: HashSet<Code>,
    /// For each kind, the file index of each record that parsed (dataset index → file index).
    pub(super) kept: Vec<(Kind, Vec<usize>)>,
}

impl Broken {
    pub(super) fn explains(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.code.as_ref().is_some_and(|code| self.ids.contains(code))
    }

    /// Paths from sanitizing and validation (both the place and the related place) count only
    /// records that parsed; point them at the file's index. Parse errors already use the
    /// file's index, so they must not be passed here.
    pub(super) fn remap_paths(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics {
            self.to_file_index(&mut diagnostic.path);
            if let Some(related) = &mut diagnostic.related {
                self.to_file_index(&mut related.path);
            }
        }
    }

    fn to_file_index(&self, path: &mut JsonPath) {
        for (kind, kept) in &self.kept {
            if let Some(index) = path.record_index_mut(kind.section())
                && let Some(&original) = kept.get(*index)
            {
                *index = original;
                return;
            }
        }
    }
}

/// An object as ordered (key, raw value) pairs, keeping duplicates: the top level, or a
/// record that failed to parse (to find its ids).
pub(super) struct TopLevel<'a>(pub(super) Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for TopLevel<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an object with 'series', 'episodes', 'themes', 'people', 'footage', 'quotes' and 'sources'",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push((key, value));
                }
                Ok(TopLevel(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// Slow path: parse each record on its own and keep every error.
pub(super) fn collect_records<'a>(bytes: &'a [u8], report: &mut Report) -> (DatasetFile<'a>, Broken) {
    let mut broken = Broken::default();
    let mut file = DatasetFile {
        schema_version: SCHEMA_VERSION,
        series: placeholder_series(),
        episodes: Vec::new(),
        themes: Vec::new(),
        people: Vec::new(),
        footage: Vec::new(),
        quotes: Vec::new(),
        sources: Vec::new(),
    };
    let top: TopLevel = match serde_json::from_slice(bytes) {
        Ok(top) => top,
        Err(e) => {
            let offset = offset_of(bytes, e.line(), e.column());
            report.push(error_at(JsonPath::root(), &e).at(offset));
            return (file, broken);
        }
    };
    let base = bytes.as_ptr() as usize;
    let offset_in_file = |raw: &RawValue| raw.get().as_ptr() as usize - base;
    let mut seen: Vec<&str> = Vec::new();
    for (key, raw) in &top.0 {
        let at = offset_in_file(raw);
        if seen.contains(&key.as_str()) {
            // `related` resolves to the first occurrence: locate keeps the first match.
            let path = JsonPath::key(key.clone());
            report.push(
                Diagnostic::error(path.clone(), format!("duplicate key '{key}'"))
                    .with_code(Some(Code::DuplicateKey { key: key.clone() }))
                    .at(at)
                    .related(path),
            );
            continue;
        }
        seen.push(key);
        match key.as_str() {
            "schema_version" => {
                if let Some(v) = parse_one::<u32>(raw, JsonPath::key("schema_version"), at, report) {
                    file.schema_version = v;
                }
            }
            "series" => {
                if let Some(series) = parse_one(raw, JsonPath::key("series"), at, report) {
                    file.series = series;
                }
            }
            "episodes" => file.episodes = parse_section(bytes, raw, Kind::Episode, report, &mut broken),
            "themes" => file.themes = parse_section(bytes, raw, Kind::Theme, report, &mut broken),
            "people" => file.people = parse_section(bytes, raw, Kind::Person, report, &mut broken),
            "footage" => file.footage = parse_section(bytes, raw, Kind::Footage, report, &mut broken),
            "quotes" => file.quotes = parse_section(bytes, raw, Kind::Quote, report, &mut broken),
            "sources" => file.sources = parse_section(bytes, raw, Kind::Source, report, &mut broken),
            other => {
                let mut message = format!("unknown top-level field '{other}'");
                if let Some(best) = closest(other, &SECTIONS) {
                    message.push_str(&format!(" — did you mean '{best}'?"));
                }
                let code = Code::UnknownField { field: other.to_string() };
                report.push(Diagnostic::error(JsonPath::key(other.to_string()), message).with_code(Some(code)).at(at));
            }
        }
    }
    for section in SECTIONS {
        if !seen.contains(&section) {
            let code = Code::MissingField { field: section.to_string() };
            report.push(
                Diagnostic::error(JsonPath::root(), format!("missing required field '{section}'"))
                    .with_code(Some(code))
                    .at(0),
            );
        }
    }
    (file, broken)
}

/// Stands in for a series that failed to parse, so the records can still be validated.
fn placeholder_series() -> crate::data::model::Series<'static> {
    crate::data::model::Series {
        id: "".into(),
        title: "-".into(),
        year: 0,
        network: "".into(),
        format: "".into(),
        premiere: "2000-01-01".into(),
        finale: "2000-01-01".into(),
        directors: Vec::new(),
        summary: "".into(),
        facts: Vec::new(),
        credits: Vec::new(),
        awards: Vec::new(),
        unplaced_events: Vec::new(),
        notes: Vec::new(),
        sources: Vec::new(),
    }
}

pub(super) fn parse_one<'a, T: Deserialize<'a>>(
    raw: &'a RawValue,
    path: JsonPath,
    at: usize,
    report: &mut Report,
) -> Option<T> {
    // Most records parse: only one that fails (a record is small) is parsed again, tracking
    // the path to its error.
    if let Ok(value) = T::deserialize(&mut serde_json::Deserializer::from_str(raw.get())) {
        return Some(value);
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => Some(value),
        Err(error) => {
            let inner = error.inner();
            let local = offset_of(raw.get().as_bytes(), inner.line(), inner.column());
            let offset = at + local;
            let full = path.join(&JsonPath::from(error.path()));
            let (code, message) = translate(inner);
            let message = match misplaced_value(code.as_ref(), &raw.get().as_bytes()[local..]) {
                Some(found) => format!("expected a string naming one of the allowed values, found {found}"),
                None => message,
            };
            let mut diagnostic = Diagnostic::error(full.clone(), message);
            // serde places a missing field at the object's closing brace; point at where the
            // object starts instead (located by path), which is what a reader looks for.
            if !matches!(code, Some(Code::MissingField { .. })) {
                diagnostic = diagnostic.at(value_start(raw, &error, code.as_ref(), at).unwrap_or(offset));
            }
            if let Some(Code::DuplicateKey { key }) = &code {
                diagnostic = diagnostic.related(full.field(key.clone()));
            }
            report.push(diagnostic.with_code(code));
            None
        }
    }
}

/// For a wrong type or value, serde reports the position *after* the value; the caret
/// reads better at its start, found by path within the record (which is small).
fn value_start(
    raw: &RawValue,
    error: &serde_path_to_error::Error<serde_json::Error>,
    code: Option<&Code>,
    at: usize,
) -> Option<usize> {
    if !matches!(error.inner().classify(), serde_json::error::Category::Data) {
        return None;
    }
    let inner = JsonPath::from(error.path());
    if inner.is_root() {
        return None;
    }
    let bytes = raw.get().as_bytes();
    let value = locate::locate_all(bytes, &[&inner])[0]?;
    // An unknown field is about its key, not its value: step back over `"key":`.
    if matches!(code, Some(Code::UnknownField { .. })) {
        return Some(at + key_before(bytes, value).unwrap_or(value));
    }
    Some(at + value)
}

/// Offset of the opening quote of the key whose value starts at `value`.
fn key_before(bytes: &[u8], value: usize) -> Option<usize> {
    let mut i = value.checked_sub(1)?;
    while bytes[i].is_ascii_whitespace() || bytes[i] == b':' {
        i = i.checked_sub(1)?;
    }
    // `i` is the key's closing quote; find the opening one (not preceded by a backslash).
    let mut j = i.checked_sub(1)?;
    while !(bytes[j] == b'"' && (j == 0 || bytes[j - 1] != b'\\')) {
        j = j.checked_sub(1)?;
    }
    Some(j)
}

/// serde_json reports a non-string where an enum's name belongs (`"placement": 3`) as the
/// syntax error "expected value" ([`Code::ExpectedValue`]), at a value that is in fact
/// well-formed. Returns what was found there in that case; `at` is the input from the
/// error's position on.
pub(super) fn misplaced_value(code: Option<&Code>, at: &[u8]) -> Option<&'static str> {
    if code != Some(&Code::ExpectedValue) {
        return None;
    }
    match at.first()? {
        b'n' => Some("null"),
        b't' | b'f' => Some("a boolean"),
        b'[' => Some("an array"),
        b'-' | b'0'..=b'9' => Some("a number"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_person(id: &str) -> Code {
        Code::UnknownId { kind: Kind::Person, id: id.into() }
    }

    /// A dangling reference to a broken record is explained by the code alone: the message
    /// may say anything, and a message without the code explains nothing.
    #[test]
    fn broken_records_explain_unknown_ids_by_code_not_by_message() {
        let mut broken = Broken::default();
        broken.ids.insert(unknown_person("ann"));
        let at = JsonPath::record("quotes", 0).field("speaker");
        let coded = Diagnostic::error(at.clone(), "reworded freely").with_code(Some(unknown_person("ann")));
        assert!(broken.explains(&coded));
        assert!(!broken.explains(&Diagnostic::error(at.clone(), "unknown person id 'ann'")));
        let other = Diagnostic::error(at, "x").with_code(Some(Code::UnknownId { kind: Kind::Theme, id: "ann".into() }));
        assert!(!broken.explains(&other));
    }

    #[test]
    fn paths_count_records_as_the_file_does() {
        let broken = Broken { ids: HashSet::new(), kept: vec![(Kind::Quote, vec![0, 2, 5])] };
        let mut diagnostics = vec![
            Diagnostic::error(JsonPath::record("quotes", 2).field("speaker"), "x")
                .related(JsonPath::record("quotes", 1).field("id")),
            Diagnostic::error(JsonPath::record("people", 2), "y"),
        ];
        broken.remap_paths(&mut diagnostics);
        assert_eq!(diagnostics[0].path, "quotes[5].speaker");
        assert_eq!(diagnostics[0].related.as_ref().map(|r| r.path.to_string()).as_deref(), Some("quotes[2].id"));
        assert_eq!(diagnostics[1].path, "people[2]");
    }

    /// The loader acts on codes: a missing field is placed where its object starts, and a
    /// duplicate key names the first occurrence.
    #[test]
    fn codes_place_missing_fields_and_relate_duplicate_keys() {
        let mut report = Report::new("t.json");
        let raw: &RawValue = serde_json::from_str(r#"{"id": "s", "id": "t"}"#).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            parse_one::<crate::data::model::Source>(raw, JsonPath::record("sources", 0), 10, &mut report).is_none()
        );
        let d = &report.diagnostics[0];
        assert_eq!(d.code, Some(Code::DuplicateKey { key: "id".into() }));
        assert_eq!(d.related.as_ref().map(|r| r.path.to_string()).as_deref(), Some("sources[0].id"));
        let raw: &RawValue = serde_json::from_str(r#"{"id": "s"}"#).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            parse_one::<crate::data::model::Source>(raw, JsonPath::record("sources", 0), 10, &mut report).is_none()
        );
        let d = &report.diagnostics[1];
        assert_eq!(d.code, Some(Code::MissingField { field: "title".into() }));
        assert_eq!(d.offset, None, "located later, by path");
    }
}
