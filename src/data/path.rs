//! The one JSON path type: where in a dataset file a value sits (`quotes[3].speaker`).
//!
//! Diagnostics carry a path as segments and format it only when printed, so a check that
//! passes never builds a string, and code that needs a part of the path (the section and
//! index of a record, the last field name) reads the segments instead of parsing text.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// A field name: a schema field (`&'static`) or a key read from the file.
    Key(Cow<'static, str>),
    Index(usize),
}

/// A path from the document root; empty is the document itself, shown as `$`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    /// The document itself.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// A top-level field, e.g. `series`.
    pub fn key(key: impl Into<Cow<'static, str>>) -> Self {
        Self(vec![Segment::Key(key.into())])
    }

    /// The record at `index` of a section: `quotes[3]`.
    pub fn record(section: &'static str, index: usize) -> Self {
        Self(vec![Segment::Key(Cow::Borrowed(section)), Segment::Index(index)])
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// This path followed by `key`.
    pub fn field(mut self, key: impl Into<Cow<'static, str>>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    /// This path followed by `index`.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// This path followed by all of `tail`.
    pub fn join(mut self, tail: &JsonPath) -> Self {
        self.0.extend(tail.0.iter().cloned());
        self
    }

    /// Whether the printed path names this place and no other: no key is empty or holds
    /// `.`, `[` or `]`. Other paths are not located in the file (see `locate`), so a caret is
    /// never put at a place the printed path does not say.
    pub fn reads_back(&self) -> bool {
        self.0.iter().all(|s| match s {
            Segment::Key(key) => !key.is_empty() && !key.contains(['.', '[', ']']),
            Segment::Index(_) => true,
        })
    }

    /// The last field name on the path (`title` for `episodes[2].title`).
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Segment::Key(key) => Some(key.as_ref()),
            Segment::Index(_) => None,
        })
    }

    /// The index segment right after the top-level key `section`, for rewriting a record's
    /// position (`quotes[3]…` → `quotes[5]…`).
    pub fn record_index_mut(&mut self, section: &str) -> Option<&mut usize> {
        match self.0.as_mut_slice() {
            [Segment::Key(key), Segment::Index(index), ..] if key == section => Some(index),
            _ => None,
        }
    }

    /// Used as a stack by walks: push a step, visit, pop it.
    pub(crate) fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    pub(crate) fn pop(&mut self) {
        self.0.pop();
    }
}

/// serde_path_to_error's path, minus the places it cannot name (`?`, after a missing comma
/// the next key is unknown), which are no path a reader can follow.
impl From<&serde_path_to_error::Path> for JsonPath {
    fn from(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as Theirs;
        let segments = path
            .iter()
            .filter_map(|segment| match segment {
                Theirs::Seq { index } => Some(Segment::Index(*index)),
                Theirs::Map { key } => Some(Segment::Key(Cow::Owned(key.clone()))),
                Theirs::Enum { variant } => Some(Segment::Key(Cow::Owned(variant.clone()))),
                Theirs::Unknown => None,
            })
            .collect();
        Self(segments)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("$");
        }
        for (n, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if n == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Compares the printed path, without building it.
impl PartialEq<str> for JsonPath {
    fn eq(&self, other: &str) -> bool {
        struct Rest<'s>(&'s str);
        impl fmt::Write for Rest<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
                Ok(())
            }
        }
        let mut rest = Rest(other);
        fmt::write(&mut rest, format_args!("{self}")).is_ok() && rest.0.is_empty()
    }
}

impl PartialEq<&str> for JsonPath {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for JsonPath {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_keys_with_dots_and_indices_in_brackets() {
        assert_eq!(JsonPath::root().to_string(), "$");
        assert_eq!(JsonPath::key("series").to_string(), "series");
        let path = JsonPath::record("quotes", 3).field("themes").index(0);
        assert_eq!(path.to_string(), "quotes[3].themes[0]");
        assert_eq!(path, "quotes[3].themes[0]");
        assert_ne!(path, "quotes[3].themes");
        assert_ne!(path, "quotes[3].themes[0].x");
        assert_eq!(path.last_key(), Some("themes"));
        assert!(path.reads_back());
        assert!(!JsonPath::key("ti[2Jtle").reads_back() && !JsonPath::key("a.b").reads_back());
    }

    #[test]
    fn record_index_is_rewritten_in_place() {
        let mut path = JsonPath::record("people", 2).field("id");
        if let Some(index) = path.record_index_mut("people") {
            *index = 7;
        }
        assert_eq!(path.to_string(), "people[7].id");
        assert!(path.record_index_mut("quotes").is_none());
        assert!(JsonPath::key("people").record_index_mut("people").is_none());
    }

    #[test]
    fn joins_a_path_inside_a_record() {
        let inner = JsonPath::root().field("notes");
        assert_eq!(JsonPath::record("episodes", 1).join(&inner).to_string(), "episodes[1].notes");
        assert_eq!(JsonPath::record("episodes", 1).join(&JsonPath::root()).to_string(), "episodes[1]");
    }
}
