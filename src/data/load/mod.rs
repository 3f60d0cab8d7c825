//! Loading a dataset: file checks, parsing, sanitizing and validation, with every problem
//! reported at once.
//!
//! The fast path parses the whole file straight into the typed model (one pass). Only when
//! that fails on a *type* error does the slow path run: the file is split into records
//! (`RawValue`s, which keep their byte offsets), each record is parsed on its own, and the
//! records that parse are validated together. So one run reports a wrong type in one
//! quote, a missing field in another and a dangling reference in a third — like a
//! compiler — instead of only the first. Syntax errors stop parsing, so they are reported
//! alone, with line, column and a source excerpt.

mod messages;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::{Code, Diagnostic, Report};
use super::locate;
use super::model::DatasetFile;
use super::path::JsonPath;
use super::schema::{self, Flavour};
use super::{Dataset, Kind, validate};
use crate::sanitize::{self, Finding};

/// The dataset compiled into the binary.
pub const BUNDLED: &str = include_str!("../../../assets/defiant-ones.json");
/// How the bundled dataset is named in messages.
pub const BUNDLED_NAME: &str = "defiant-ones.json (bundled)";

/// Files above this are refused before reading (1M synthetic records take about 300 MiB).
pub const MAX_FILE_BYTES: u64 = 768 * 1024 * 1024;
/// One-line fields longer than this are cut for display and search (with a warning).
pub const MAX_LINE_BYTES: usize = 4 * 1024;
/// Prose fields longer than this are cut for display and search (with a warning).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

const SCHEMA_VERSION: u32 = 1;
const SECTIONS: [&str; 8] =
    ["schema_version", "series", "episodes", "themes", "people", "footage", "quotes", "sources"];

/// A usable dataset and the warnings found while loading it.
#[derive(Debug)]
pub struct Loaded<'a> {
    pub dataset: Dataset<'a>,
    pub report: Report,
}

/// The data cannot be used; the report lists every error (and any warnings).
#[derive(Debug)]
pub struct LoadError(pub Report);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render())
    }
}

impl std::error::Error for LoadError {}

fn fail(name: &str, message: String) -> LoadError {
    let mut report = Report::new(name);
    report.push(Diagnostic::error(JsonPath::root(), message));
    LoadError(report)
}

/// Load a dataset file after checking it is a regular file of sane size.
///
/// The dataset's strings borrow from the file's bytes (see [`super::model::Text`]), and a
/// process loads one dataset and keeps it until it exits, so the bytes are leaked on
/// purpose: they live as long as the process, with no copy of any string.
pub fn from_path(path: &Path) -> Result<Loaded<'static>, LoadError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|e| fail(&name, format!("cannot read {name}: {e}")))?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "a directory" } else { "a device, FIFO or socket" };
        return Err(fail(&name, format!("not a regular file ({what})")));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(
            &name,
            format!("file is {}; limit is {}", human_size(metadata.len()), human_size(MAX_FILE_BYTES)),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(&name, format!("cannot read {name}: {e}")))?;
    from_bytes(&name, bytes.leak())
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= 1024.0 * MIB {
        format!("{:.1} GiB", b / (1024.0 * MIB))
    } else if b >= MIB {
        format!("{:.1} MiB", b / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parse, sanitize and validate a dataset held in memory.
pub fn from_bytes<'a>(name: &str, bytes: &'a [u8]) -> Result<Loaded<'a>, LoadError> {
    // RFC 8259 lets parsers ignore a byte order mark; serde_json does not.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(name, "file is empty: expected a JSON object with 'series', 'episodes', …".into()));
    }
    // A file that parses is valid UTF-8 as a whole (outside strings, JSON is ASCII), so this
    // is `None` only for a file that will be rejected anyway. Parsing from `&str` skips
    // serde_json's own per-string UTF-8 checks, and the search index refers to the text.
    let source = std::str::from_utf8(bytes).ok();
    let mut report = Report::new(name);
    // The first error decides what comes next, so a file is parsed at most once more.
    let dataset = match parse_untracked(source, bytes) {
        Ok(file) => Some(finish(file, source.unwrap_or_default(), &mut report, &Broken::default())),
        // A wrong type, or a non-string where an enum's name belongs (serde_json calls that a
        // syntax error): parse record by record and collect every error.
        Err(error)
            if error.is_data()
                || misplaced_value(
                    messages::translate(&error).0.as_ref(),
                    &bytes[offset_of(bytes, error.line(), error.column())..],
                )
                .is_some() =>
        {
            let (file, broken) = collect_records(bytes, &mut report);
            let parse_errors = report.diagnostics.len();
            let dataset = finish(file, source.unwrap_or_default(), &mut report, &broken);
            broken.remap_paths(&mut report.diagnostics[parse_errors..]);
            Some(dataset)
        }
        // A syntax error stops parsing; where it is is the whole result, so only now is the
        // file parsed with path tracking (serde_path_to_error costs ≈30 % of a parse).
        Err(error) => {
            let (path, error) = parse_tracked(bytes).unwrap_or((JsonPath::root(), error));
            let offset = offset_of(bytes, error.line(), error.column());
            report.push(error_at(path, &error).at(offset));
            None
        }
    };
    locate_diagnostics(bytes, &mut report);
    // The source is kept for line numbers and excerpts of diagnostics; a clean file has
    // none, and copying it would cost a 25 MB memcpy plus page faults at 100k records.
    if !report.diagnostics.is_empty() {
        report = report.with_source(Arc::from(bytes));
    }
    report.sort();
    match dataset {
        Some(dataset) if !report.has_errors() => Ok(Loaded { dataset, report }),
        _ => Err(LoadError(report)),
    }
}

/// The whole file in one pass, with no path tracking (the fast path for a valid file):
/// from `source` when the bytes are UTF-8, else from the bytes (to report where they are not).
fn parse_untracked<'a>(source: Option<&'a str>, bytes: &'a [u8]) -> serde_json::Result<DatasetFile<'a>> {
    fn parse<'a, R: serde_json::de::Read<'a>>(
        mut de: serde_json::Deserializer<R>,
    ) -> serde_json::Result<DatasetFile<'a>> {
        let file = DatasetFile::deserialize(&mut de)?;
        de.end()?;
        Ok(file)
    }
    match source {
        Some(source) => parse(serde_json::Deserializer::from_str(source)),
        None => parse(serde_json::Deserializer::from_slice(bytes)),
    }
}

/// The path and error of a file that does not parse, tracking the path to the error; `None`
/// if it parses after all.
fn parse_tracked(bytes: &[u8]) -> Option<(JsonPath, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, DatasetFile>(&mut de) {
        Ok(_) => de.end().err().map(|e| (JsonPath::root(), e)),
        Err(error) => Some((JsonPath::from(error.path()), error.into_inner())),
    }
}

/// An error diagnostic in our wording, with its code.
fn error_at(path: JsonPath, error: &serde_json::Error) -> Diagnostic {
    let (code, message) = messages::translate(error);
    Diagnostic::error(path, message).with_code(code)
}

/// Sanitize, index and validate parsed records (a wrong schema version is reported as an error).
fn finish<'a>(mut file: DatasetFile<'a>, source: &'a str, report: &mut Report, broken: &Broken) -> Dataset<'a> {
    if file.schema_version != SCHEMA_VERSION {
        report.push(Diagnostic::error(
            JsonPath::key("schema_version"),
            format!("unsupported schema_version {}; this build reads {SCHEMA_VERSION}", file.schema_version),
        ));
    }
    sanitize_all(&mut file, report);
    let dataset = Dataset::from_file(file, source);
    for diagnostic in validate::check(&dataset) {
        if !broken.explains(&diagnostic) {
            report.push(diagnostic);
        }
    }
    dataset
}

/// Replace every string by its display form, warning once per field about what was found.
fn sanitize_all(file: &mut DatasetFile<'_>, report: &mut Report) {
    schema::visit_strings(file, &mut |path, value, flavour| {
        let mut found: Vec<Finding> = Vec::new();
        let mut note = |f: Finding| {
            if !found.contains(&f) {
                found.push(f);
            }
        };
        let cleaned = sanitize::with_findings(value, flavour, &mut note);
        if let std::borrow::Cow::Owned(cleaned) = cleaned {
            *value = cleaned.into();
        }
        // One warning per field, naming everything found in it.
        if !found.is_empty() {
            found.sort();
            let what: Vec<&str> = found.iter().map(|f| f.describe()).collect();
            report.push(Diagnostic::warning(path.clone(), format!("contains {}", what.join(", "))));
        }
        let cap = if flavour == Flavour::Line { MAX_LINE_BYTES } else { MAX_TEXT_BYTES };
        if value.len() > cap {
            let size = human_size(value.len() as u64);
            *value = sanitize::truncate(value, cap).into_owned().into();
            report.push(Diagnostic::warning(
                path.clone(),
                format!("field is {size}; shown and searched truncated to {} KiB", cap / 1024),
            ));
        }
    });
}

/// Records that failed to parse on their own, so their ids are known to exist and dangling
/// reference errors that only echo them are not reported twice.
#[derive(Default)]
struct Broken {
    /// `Code::UnknownId` of each id a broken record gives.
    ids: HashSet<Code>,
    /// For each kind, the file index of each record that parsed (dataset index → file index).
    kept: Vec<(Kind, Vec<usize>)>,
}

impl Broken {
    fn explains(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.code.as_ref().is_some_and(|code| self.ids.contains(code))
    }

    /// Paths from sanitizing and validation (both the place and the related place) count only
    /// records that parsed; point them at the file's index. Parse errors already use the
    /// file's index, so they must not be passed here.
    fn remap_paths(&self, diagnostics: &mut [Diagnostic]) {
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
struct TopLevel<'a>(Vec<(String, &'a RawValue)>);

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
fn collect_records<'a>(bytes: &'a [u8], report: &mut Report) -> (DatasetFile<'a>, Broken) {
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
fn placeholder_series() -> super::model::Series<'static> {
    super::model::Series {
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

fn parse_one<'a, T: Deserialize<'a>>(raw: &'a RawValue, path: JsonPath, at: usize, report: &mut Report) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => Some(value),
        Err(error) => {
            let inner = error.inner();
            let local = offset_of(raw.get().as_bytes(), inner.line(), inner.column());
            let offset = at + local;
            let full = path.join(&JsonPath::from(error.path()));
            let (code, message) = messages::translate(inner);
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

fn parse_section<'a, T: Deserialize<'a>>(
    bytes: &[u8],
    raw: &'a RawValue,
    kind: Kind,
    report: &mut Report,
    broken: &mut Broken,
) -> Vec<T> {
    let section = kind.section();
    let base = bytes.as_ptr() as usize;
    let at = raw.get().as_ptr() as usize - base;
    // A section that is not an array of records is reported once, as a whole.
    let items: Vec<&'a RawValue> = match serde_json::from_str(raw.get()) {
        Ok(items) => items,
        Err(error) => {
            let offset = at + offset_of(raw.get().as_bytes(), error.line(), error.column());
            report.push(error_at(JsonPath::key(section), &error).at(offset));
            return Vec::new();
        }
    };
    let mut kept = Vec::with_capacity(items.len());
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let item_at = item.get().as_ptr() as usize - base;
        match parse_one::<T>(item, JsonPath::record(section, index), item_at, report) {
            Some(record) => {
                records.push(record);
                kept.push(index);
            }
            None => {
                // Every `id` the record gives: a duplicated `id` key (the record's own error)
                // must not also make references to either value look dangling.
                if let Ok(TopLevel(entries)) = serde_json::from_str::<TopLevel>(item.get()) {
                    for (_, raw) in entries.iter().filter(|(key, _)| key == "id") {
                        if let Ok(id) = serde_json::from_str::<String>(raw.get()) {
                            broken.ids.insert(Code::UnknownId { kind, id: sanitize::line(&id).into_owned() });
                        }
                    }
                }
            }
        }
    }
    broken.kept.push((kind, kept));
    records
}

/// serde_json reports a non-string where an enum's name belongs (`"placement": 3`) as the
/// syntax error "expected value" ([`Code::ExpectedValue`]), at a value that is in fact
/// well-formed. Returns what was found there in that case; `at` is the input from the
/// error's position on.
fn misplaced_value(code: Option<&Code>, at: &[u8]) -> Option<&'static str> {
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

/// Byte offset of serde_json's 1-based line and (byte) column.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column.saturating_sub(1)).min(bytes.len())
}

/// Give diagnostics found by path (semantic checks, sanitizer warnings) their offsets.
fn locate_diagnostics(bytes: &[u8], report: &mut Report) {
    let mut wanted: Vec<&JsonPath> = Vec::new();
    for d in &report.diagnostics {
        if d.offset.is_none() {
            wanted.push(&d.path);
        }
        if let Some(related) = &d.related {
            wanted.push(&related.path);
        }
    }
    if wanted.is_empty() {
        return;
    }
    // Read back in the order the paths were asked for (a search per diagnostic would be
    // quadratic in the number of problems a broken file has).
    let mut found = locate::locate_all(bytes, &wanted).into_iter();
    for d in &mut report.diagnostics {
        if d.offset.is_none() {
            d.offset = found.next().flatten();
        }
        if let Some(related) = &mut d.related {
            related.offset = found.next().flatten();
        }
    }
}

fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_from_line_and_column() {
        let text = b"ab\ncde\nf";
        assert_eq!(offset_of(text, 2, 2), 4);
        assert_eq!(offset_of(text, 3, 1), 7);
        assert_eq!(offset_of(text, 1, 0), 0);
    }

    #[test]
    fn bundled_dataset_loads_without_warnings() {
        let loaded = Dataset::bundled().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.report.diagnostics, vec![], "{}", loaded.report);
    }
}
