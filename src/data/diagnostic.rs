//! Compiler-style diagnostics: `file:line:col: json.path: severity: message`.
//!
//! Every problem found in one run is collected, sorted by position and printed at once,
//! like a compiler, so a user fixes a dataset in one pass instead of one error per run.

use std::fmt::{self, Write as _};

use super::Kind;
use super::path::JsonPath;
use crate::sanitize;

/// How many diagnostics are printed before "and N more".
pub const MAX_SHOWN: usize = 50;

/// How many diagnostics a report keeps; past this they are only counted, so a file with
/// millions of bad records costs no more memory than one with ten thousand (each kept
/// diagnostic is ≈ 300 bytes). Far more than are shown, so the shown ones are the first
/// by position among all but the most broken files.
pub const MAX_KEPT: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What kind of problem a diagnostic is, for code that acts on it (the loader's recovery);
/// the message is for people and may be reworded freely.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code {
    /// A reference names no record of its kind.
    UnknownId { kind: Kind, id: String },
    /// A required field is absent (serde places this at the object's closing brace).
    MissingField { field: String },
    /// An object gives the same key twice.
    DuplicateKey { key: String },
    /// A key the schema does not have.
    UnknownField { field: String },
    /// serde_json's "expected value": also what it says for a well-formed non-string where
    /// an enum's name belongs (`"placement": 3`).
    ExpectedValue,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Byte offset in the file, when known; resolved to line and column for display.
    pub offset: Option<usize>,
    /// JSON path such as `quotes[3].speaker`; `$` for the document itself.
    pub path: JsonPath,
    /// What went wrong, for code; `None` for problems nothing acts on.
    pub code: Option<Code>,
    pub message: String,
    /// A second place involved, e.g. where a duplicated id was first defined.
    pub related: Option<Related>,
}

/// The other location of a two-place problem, shown as "(first at line:col)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub path: JsonPath,
    pub offset: Option<usize>,
}

impl Diagnostic {
    pub fn error(path: JsonPath, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message.into())
    }

    pub fn warning(path: JsonPath, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message.into())
    }

    fn new(severity: Severity, path: JsonPath, message: String) -> Self {
        Self { severity, offset: None, path, code: None, message, related: None }
    }

    pub fn with_code(mut self, code: Option<Code>) -> Self {
        self.code = code;
        self
    }

    /// Name the other place involved (resolved to line:col when the report is rendered).
    pub fn related(mut self, path: JsonPath) -> Self {
        self.related = Some(Related { path, offset: None });
        self
    }

    pub fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }
}

/// Everything found in one file: the file's display name, its text (for line numbers
/// and source excerpts) and the diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: String,
    /// The diagnostics kept (at most [`MAX_KEPT`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Errors and warnings found past [`MAX_KEPT`]: counted, not kept.
    uncounted: [usize; 2],
    source: Option<std::sync::Arc<[u8]>>,
    /// Offsets of the source's line starts, computed on first use: diagnostics are shown
    /// one by one, and each used to count lines from the start of the file.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Report {
    pub fn new(file: &str) -> Self {
        Self { file: sanitize::message(file), ..Self::default() }
    }

    /// Keep the file's bytes so positions can be shown as `line:col` with an excerpt.
    pub fn with_source(mut self, bytes: std::sync::Arc<[u8]>) -> Self {
        self.source = Some(bytes);
        self.line_starts = std::sync::OnceLock::new();
        self
    }

    /// Keep a diagnostic, or only count it once [`MAX_KEPT`] are kept.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.is_full() {
            self.count(diagnostic.severity);
        } else {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Whether further diagnostics are only counted: code that finds problems by the million
    /// can skip building messages, paths and suggestions nobody will read.
    pub fn is_full(&self) -> bool {
        self.diagnostics.len() >= MAX_KEPT
    }

    /// Count a problem past the kept ones without building its diagnostic.
    pub fn count(&mut self, severity: Severity) {
        self.uncounted[severity as usize] += 1;
    }

    /// Everything `other` kept or counted, kept or counted here.
    pub fn extend(&mut self, other: Report) {
        for diagnostic in other.diagnostics {
            self.push(diagnostic);
        }
        for (mine, theirs) in self.uncounted.iter_mut().zip(other.uncounted) {
            *mine += theirs;
        }
    }

    /// All diagnostics found, kept or not.
    pub fn total(&self) -> usize {
        self.diagnostics.len() + self.uncounted.iter().sum::<usize>()
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count() + self.uncounted[0]
    }

    pub fn warning_count(&self) -> usize {
        self.total() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sort by position (unknown positions last), then by path as printed; errors before
    /// warnings at the same place.
    pub fn sort(&mut self) {
        // Paths are formatted only for diagnostics at the same place, which are few.
        self.diagnostics.sort_by(|a, b| {
            (a.offset.is_none(), a.offset)
                .cmp(&(b.offset.is_none(), b.offset))
                .then_with(|| a.path.to_string().cmp(&b.path.to_string()))
                .then(a.severity.cmp(&b.severity))
        });
        self.diagnostics.dedup();
    }

    /// Line (1-based) and column (1-based, in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        let bytes = self.source.as_deref()?;
        let offset = offset.min(bytes.len());
        let starts = self
            .line_starts
            .get_or_init(|| std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)).collect());
        // The last line start at or before the offset (the first is 0, so there is one).
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line.saturating_sub(1)];
        Some((line, chars_in(&bytes[line_start..offset]) + 1))
    }

    /// The source line holding `offset`, sanitized and clipped, with the caret's display
    /// column (tabs expand and wide characters take two columns in the excerpt, so the
    /// caret is placed by the width of what is shown before it, not by counting characters).
    fn excerpt(&self, offset: usize) -> Option<(usize, String, usize)> {
        // Keep the excerpt short and centred on the column for long (minified) lines.
        const WIDTH: usize = 100;
        // A character is at most 4 bytes, so this many bytes either side hold the window;
        // a minified file is one line of megabytes, which is never decoded whole.
        const REACH: usize = 4 * WIDTH;
        let bytes = self.source.as_deref()?;
        let offset = offset.min(bytes.len());
        let (line, _) = self.line_col(offset)?;
        let line_start = self.line_starts.get().and_then(|starts| starts.get(line - 1).copied()).unwrap_or(0);
        let line_end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i);
        let mut start = line_start.max(offset.saturating_sub(REACH));
        while start < offset && (bytes[start] as i8) < -0x40 {
            start += 1; // not inside a character
        }
        let end = line_end.min(offset + REACH);
        let before = String::from_utf8_lossy(&bytes[start..offset]);
        let after = String::from_utf8_lossy(&bytes[offset..end]);
        let column = before.chars().count();
        let first = column.saturating_sub(WIDTH / 2);
        let shown_before: String = before.chars().skip(first).collect();
        let shown_after: String = after.chars().take(WIDTH - (column - first)).collect();
        let shown_before = sanitize::line(&shown_before);
        let caret = crate::text::width(&shown_before);
        let shown = format!("{shown_before}{}", sanitize::line(&shown_after));
        Some((line, shown, caret))
    }

    /// Render every diagnostic (up to [`MAX_SHOWN`]) and a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for diagnostic in self.diagnostics.iter().take(MAX_SHOWN) {
            let _ = writeln!(out, "{}", self.format_one(diagnostic));
            if diagnostic.severity == Severity::Error
                && let Some(offset) = diagnostic.offset
                && let Some((line, text, caret)) = self.excerpt(offset)
            {
                let gutter = line.to_string().len();
                let _ = writeln!(out, "{:>gutter$} | {text}", line);
                let _ = writeln!(out, "{:>gutter$} | {}^", "", " ".repeat(caret));
            }
        }
        if self.total() > MAX_SHOWN {
            let _ = writeln!(out, "... and {} more", self.total() - MAX_SHOWN);
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    pub fn summary(&self) -> String {
        let (errors, warnings) = (self.error_count(), self.warning_count());
        let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
        format!("{}: {}, {}", self.file, plural(errors, "error"), plural(warnings, "warning"))
    }

    fn format_one(&self, d: &Diagnostic) -> String {
        let location = match d.offset.and_then(|o| self.line_col(o)) {
            Some((line, column)) => format!("{}:{line}:{column}", self.file),
            None => self.file.clone(),
        };
        let related = match &d.related {
            Some(Related { path, offset: Some(offset) }) => match self.line_col(*offset) {
                Some((line, column)) => {
                    format!(" (first at {line}:{column}, {})", sanitize::message(&path.to_string()))
                }
                None => format!(" (first at {})", sanitize::message(&path.to_string())),
            },
            Some(Related { path, offset: None }) => format!(" (first at {})", sanitize::message(&path.to_string())),
            None => String::new(),
        };
        // A problem with the file itself (missing, unreadable) has no place in it: no `$`.
        let path = if d.path.is_root() && d.offset.is_none() {
            String::new()
        } else {
            format!("{}: ", sanitize::message(&d.path.to_string()))
        };
        format!("{location}: {path}{}: {}{related}", d.severity.label(), sanitize::message(&d.message))
    }
}

/// Characters in bytes as the excerpts show them (decoded lossily). `chars().count()` on
/// valid text is fast, which matters for columns on minified files (one line of megabytes).
fn chars_in(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.chars().count(),
        Err(_) => String::from_utf8_lossy(bytes).chars().count(),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_compiler_style_with_excerpt() {
        let source: std::sync::Arc<[u8]> = b"{\n  \"a\": 1 \"b\"\n}".to_vec().into();
        let mut report = Report::new("x.json").with_source(source);
        report.push(Diagnostic::error(JsonPath::key("a"), "syntax error: expected `,` or `}`").at(13));
        let text = report.render();
        assert!(text.starts_with("x.json:2:12: a: error: syntax error"), "{text}");
        assert!(text.contains("2 |   \"a\": 1 \"b\"\n  |            ^"), "{text}");
        assert!(text.ends_with("x.json: 1 error, 0 warnings\n"), "{text}");
    }

    #[test]
    fn messages_are_sanitized() {
        let mut report = Report::new("evil\u{1b}[2J.json");
        report.push(Diagnostic::error(JsonPath::key("ti\u{1b}tel"), "unknown field `\u{1b}]0;x\u{7}`"));
        let text = report.render();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
        assert!(text.contains("evil␛[2J.json"));
    }
}
