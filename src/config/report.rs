//! The config's problems, compiler style like the data loader's:
//! `file:line:col: keys.list."ctrl-j": error: message`, an excerpt with a caret under
//! errors, and a summary line. Everything found is reported at once.

use std::fmt::Write as _;
use std::ops::Range;

use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The setting is ignored; its default is used.
    Error,
    /// The setting is used, but probably not what was meant (an action left with no key).
    Warning,
    /// Worth knowing, nothing wrong (a binding took a key from another that keeps others).
    Note,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// The key path as the file writes it: `keys.list."ctrl-j"`, `theme.link`.
    pub path: String,
    pub message: String,
}

/// Everything found in one config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file's name as shown (sanitized).
    pub file: String,
    source: String,
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn new(file: &str, source: &str) -> Self {
        Self { file: sanitize::message(file), source: source.to_string(), problems: Vec::new() }
    }

    pub fn push(&mut self, severity: Severity, span: Option<Range<usize>>, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { severity, span, path: path.to_string(), message: message.into() });
    }

    pub fn error(&mut self, span: Option<Range<usize>>, path: &str, message: impl Into<String>) {
        self.push(Severity::Error, span, path, message);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.problems.iter().filter(|p| p.severity == severity).count()
    }

    /// Errors or warnings: what makes `config check` exit 2.
    pub fn has_problems(&self) -> bool {
        self.problems.iter().any(|p| p.severity != Severity::Note)
    }

    /// In file order; problems with no place last.
    pub fn sort(&mut self) {
        self.problems.sort_by(|a, b| {
            let at = |p: &Problem| p.span.as_ref().map(|s| s.start);
            (at(a).is_none(), at(a)).cmp(&(at(b).is_none(), at(b))).then(a.severity.cmp(&b.severity))
        });
    }

    /// Line and column (1-based, in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char(&self.source, offset.min(self.source.len()));
        let before = &self.source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// One problem as a line: `file:line:col: path: severity: message`.
    pub fn format_one(&self, problem: &Problem) -> String {
        let location = match &problem.span {
            Some(span) => {
                let (line, column) = self.line_col(span.start);
                format!("{}:{line}:{column}", self.file)
            }
            None => self.file.clone(),
        };
        let path =
            if problem.path.is_empty() { String::new() } else { format!("{}: ", sanitize::message(&problem.path)) };
        format!("{location}: {path}{}: {}", problem.severity.label(), sanitize::message(&problem.message))
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for problem in &self.problems {
            let _ = writeln!(out, "{}", self.format_one(problem));
            if problem.severity == Severity::Error
                && let Some(span) = &problem.span
                && !self.source.is_empty()
            {
                let (line, column) = self.line_col(span.start);
                let text = self.source.lines().nth(line - 1).unwrap_or("");
                let shown: String = text.chars().take(100).collect();
                let before: String = text.chars().take(column - 1).collect();
                let caret = crate::text::width(&sanitize::line(&before));
                let gutter = line.to_string().len();
                let _ = writeln!(out, "{line:>gutter$} | {}", sanitize::line(&shown));
                let _ = writeln!(out, "{:>gutter$} | {}^", "", " ".repeat(caret.min(100)));
            }
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
        format!(
            "{}: {}, {}",
            self.file,
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        )
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The candidate most like `word`, for "did you mean".
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `message — did you mean 'best'? (tail)`: the suggestion when something is close
/// enough, then what the names are.
pub fn suggest<'a>(message: &str, word: &str, candidates: impl IntoIterator<Item = &'a str>, tail: &str) -> String {
    let mut out = message.to_string();
    if let Some(best) = closest(word, candidates) {
        out.push_str(&format!(" — did you mean '{best}'?"));
    }
    if !tail.is_empty() {
        out.push_str(&format!(" ({tail})"));
    }
    out
}

/// A TOML key or string as the file would write it: `"ctrl-j"`, with `"` and `\` escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
