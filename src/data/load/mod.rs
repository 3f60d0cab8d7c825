//! Loading a dataset: file checks, parsing, sanitizing and validation, with every problem
//! reported at once. This file orchestrates; the record-by-record slow path is in
//! `recover`, serde's wording turned into ours in `messages`.
//!
//! The fast path parses the whole file straight into the typed model (one pass). Only when
//! that fails on a *type* error does the slow path run: the file is split into records
//! (`RawValue`s, which keep their byte offsets), each record is parsed on its own, and the
//! records that parse are validated together. So one run reports a wrong type in one
//! quote, a missing field in another and a dangling reference in a third — like a
//! compiler — instead of only the first. Syntax errors stop parsing, so they are reported
//! alone, with line, column and a source excerpt.

mod lexical;
mod messages;
mod recover;
mod section;

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::diagnostic::{Diagnostic, Report};
use super::locate;
use super::model::DatasetFile;
use super::path::JsonPath;
use super::schema::{self, Flavour};
use super::{Dataset, validate};
use crate::sanitize::{self, Finding};
use recover::{Broken, collect_records, misplaced_value};

/// The dataset compiled into the binary.
pub const BUNDLED: &str = include_str!("../../../assets/defiant-ones.json");
/// How the bundled dataset is named in messages.
pub const BUNDLED_NAME: &str = "defiant-ones.json (bundled)";

/// Files above this are refused before reading (1M synthetic records take about 300 MiB).
pub const MAX_FILE_BYTES: u64 = 768 * 1024 * 1024;
/// One-line fields longer than this are cut for display and search (with a warning).
pub const MAX_LINE_BYTES: usize = 4 * 1024;
/// Ids longer than this are refused (they are never cut: see `sanitize::Flavour::Id`).
pub const MAX_ID_BYTES: usize = 4 * 1024;
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
    from_path_within(path, MAX_FILE_BYTES)
}

/// [`from_path`] with another size limit (tests use a small one to show that the limit
/// holds for what is read, not only for what the file system says).
pub fn from_path_within(path: &Path, limit: u64) -> Result<Loaded<'static>, LoadError> {
    let name = path.display().to_string();
    let bytes = read_bounded(path, limit).map_err(|message| fail(&name, message))?;
    from_bytes(&name, bytes.leak())
}

/// Read a regular file of at most `limit` bytes.
///
/// Every check is made on the opened handle, never on the path again: a symlink swapped
/// for a FIFO between a check and the open could otherwise block the open forever, and a
/// file can grow after its size was read (a `/proc` file says it is empty). So the file is
/// opened without blocking, its type and size are read from the handle, and at most
/// `limit` bytes plus a probe are read, whatever the size said.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // The file's name starts the line already; the reason in plain words, not errno's.
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    };
    let not_regular = |metadata: &std::fs::Metadata| {
        let what = if metadata.is_dir() { "a directory" } else { "a device, FIFO or socket" };
        format!("not a regular file ({what})")
    };
    let file = match open_nonblocking(path) {
        Ok(file) => file,
        // A socket cannot be opened at all; say what it is rather than ENXIO.
        Err(e) => match std::fs::metadata(path) {
            Ok(metadata) if !metadata.is_file() => return Err(not_regular(&metadata)),
            _ => return Err(cannot(e)),
        },
    };
    let metadata = file.metadata().map_err(cannot)?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    let too_big = || format!("file is larger than {} (the limit)", human_size(limit));
    if metadata.len() > limit {
        return Err(format!("file is {}; limit is {}", human_size(metadata.len()), human_size(limit)));
    }
    // The probe is a page, not a byte: some kernel files (`/proc/PID/pagemap`) refuse reads
    // that are not a multiple of 8 bytes.
    const PROBE: u64 = 4096;
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    file.take(limit + PROBE).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Open for reading without waiting for a writer (a FIFO) or a carrier (a serial device);
/// on a regular file `O_NONBLOCK` changes nothing.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
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
    let parsed = parse_untracked(source, bytes);
    // Bad bytes inside strings stop serde at the first; they are found and reported all
    // at once, with every other problem (see `lexical`).
    if parsed.is_err()
        && let Some(report) = lexical::recover(name, bytes)
    {
        return Err(LoadError(report));
    }
    let mut report = Report::new(name);
    // The first error decides what comes next, so a file is parsed at most once more.
    let dataset = match parsed {
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
    if let Some(dataset) = &dataset {
        validate::suggest_shown(dataset, &mut report);
    }
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
    validate::check(&dataset, &|diagnostic| !broken.explains(diagnostic), report);
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
        // Ids are never cut: a cut id names another record, or none (validation refuses
        // ids over `MAX_ID_BYTES` instead).
        let cap = match flavour {
            Flavour::Line => MAX_LINE_BYTES,
            Flavour::Text => MAX_TEXT_BYTES,
            Flavour::Id => usize::MAX,
        };
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
