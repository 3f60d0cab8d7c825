//! Bad bytes inside strings (invalid UTF-8, raw control characters) are reported where they
//! are, among every other problem, instead of stopping the parse with one `$` error.
//!
//! They leave the JSON structure intact, so after serde refuses a file, one scan finds each
//! string holding one, with its JSON path; a copy of the file with those bytes replaced by
//! ASCII of the same length (so every offset stays) is then loaded as usual for the other
//! problems, and the report shows the original bytes.

use std::sync::Arc;

use super::super::diagnostic::{Diagnostic, Report, Severity};
use super::super::path::{JsonPath, Segment};

/// serde's nesting limit: deeper files are refused anyway, so deeper levels keep no path.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flaw {
    InvalidUtf8,
    RawControl,
}

impl Flaw {
    fn message(self) -> &'static str {
        // The wording of `messages::SYNTAX`, which serde's own errors got.
        match self {
            Flaw::InvalidUtf8 => "invalid UTF-8 in string",
            Flaw::RawControl => "raw control character inside a string (write it as \\u00XX)",
        }
    }
}

/// One container the scan is inside: an object (and its current key) or an array (and
/// the index of its current item).
enum Frame {
    Object { key: Option<String>, expecting_key: bool },
    Array { index: usize },
}

/// The report of a file whose strings hold bad bytes, or `None` when none do (the parse
/// failed for another reason, reported the usual way).
pub(super) fn recover(name: &str, bytes: &[u8]) -> Option<Report> {
    let mut repaired = bytes.to_vec();
    let mut report = Report::new(name);
    scan(bytes, &mut repaired, &mut report);
    if report.total() == 0 {
        return None;
    }
    // The copy has no bad byte left, so this loads it without coming back here.
    let rest = match super::from_bytes(name, &repaired) {
        Ok(loaded) => loaded.report,
        Err(error) => error.0,
    };
    report.extend(rest);
    let mut report = report.with_source(Arc::from(bytes));
    report.sort();
    Some(report)
}

/// Find the first bad byte of each string (one problem per string), write ASCII over every
/// bad byte in `repaired`, and report each with its path.
fn scan(bytes: &[u8], repaired: &mut [u8], report: &mut Report) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let is_key =
                    matches!(stack.last(), Some(Frame::Object { expecting_key: true, .. })) && depth <= MAX_DEPTH;
                let (end, flaw) = string(bytes, i, repaired);
                if is_key && let Some(Frame::Object { key, .. }) = stack.last_mut() {
                    let text = &bytes[i..end.min(bytes.len())];
                    *key = Some(
                        serde_json::from_slice::<String>(text)
                            .unwrap_or_else(|_| String::from_utf8_lossy(text).into_owned()),
                    );
                }
                if let Some((at, flaw)) = flaw {
                    if report.is_full() {
                        report.count(Severity::Error);
                    } else {
                        report.push(Diagnostic::error(path_of(&stack, is_key), flaw.message()).at(at));
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth <= MAX_DEPTH {
                    stack.push(if bytes[i] == b'{' {
                        Frame::Object { key: None, expecting_key: true }
                    } else {
                        Frame::Array { index: 0 }
                    });
                }
            }
            b'}' | b']' => {
                if depth <= MAX_DEPTH {
                    stack.pop();
                }
                depth = depth.saturating_sub(1);
            }
            b',' if depth <= MAX_DEPTH => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' if depth <= MAX_DEPTH => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The string opening at `start`: the offset past its closing quote, and its first bad byte.
fn string(bytes: &[u8], start: usize, repaired: &mut [u8]) -> (usize, Option<(usize, Flaw)>) {
    let mut first = None;
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        let (flaw, width) = match b {
            b'"' => return (i + 1, first),
            // An escape is serde's to judge; its second byte is never the end.
            b'\\' => (None, 2),
            0x00..=0x1f => (Some(Flaw::RawControl), 1),
            0x80.. => match utf8_width(&bytes[i..]) {
                Some(width) => (None, width),
                None => (Some(Flaw::InvalidUtf8), 1),
            },
            _ => (None, 1),
        };
        if let Some(flaw) = flaw {
            repaired[i] = if flaw == Flaw::RawControl { b' ' } else { b'?' };
            first.get_or_insert((i, flaw));
        }
        i += width;
    }
    (bytes.len(), first)
}

/// The length of the valid UTF-8 character starting `bytes`, if it is one.
fn utf8_width(bytes: &[u8]) -> Option<usize> {
    let width = match bytes[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let character = bytes.get(..width)?;
    std::str::from_utf8(character).ok().map(|_| width)
}

/// The path of the value being read; a bad key is reported at its object.
fn path_of(stack: &[Frame], in_key: bool) -> JsonPath {
    let mut path = JsonPath::root();
    let last = stack.len().saturating_sub(1);
    for (n, frame) in stack.iter().enumerate() {
        match frame {
            Frame::Array { index } => path.push(Segment::Index(*index)),
            Frame::Object { key: Some(key), .. } if !(in_key && n == last) => {
                path.push(Segment::Key(key.clone().into()));
            }
            Frame::Object { .. } => {}
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_found_per_string_with_their_path() {
        let bytes = b"{\"a\": [\"x\xff\xfey\", \"ok\"], \"b\": {\"c\": \"t\x01\"}, \"\\\"\": \"\xc3\"}";
        let mut repaired = bytes.to_vec();
        let mut report = Report::new("t.json");
        scan(bytes, &mut repaired, &mut report);
        let found: Vec<(String, &str)> =
            report.diagnostics.iter().map(|d| (d.path.to_string(), d.message.as_str())).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], ("a[0]".to_string(), Flaw::InvalidUtf8.message()));
        assert_eq!(found[1], ("b.c".to_string(), Flaw::RawControl.message()));
        assert_eq!(found[2], ("\"".to_string(), Flaw::InvalidUtf8.message()));
        assert!(std::str::from_utf8(&repaired).is_ok());
        assert_eq!(repaired.len(), bytes.len());
        assert!(report.diagnostics.len() <= crate::data::diagnostic::MAX_KEPT);
    }
}
