//! serde_json's error messages in our wording, with the [`Code`] the loader acts on.
//!
//! This is the only place that reads serde's wording; everything after it branches on the
//! code. Messages lose their trailing position (we print it), use plain words, and quote
//! keys consistently; the text is sanitized before anything is taken from it.

use crate::data::diagnostic::Code;
use crate::sanitize;

/// Syntax errors by the start of serde_json's message: our message, and the code if any.
const SYNTAX: [(&str, &str, Option<Code>); 14] = [
    ("expected `,` or `}`", "syntax error: expected ',' or '}'", None),
    ("expected `,` or `]`", "syntax error: expected ',' or ']'", None),
    ("expected `:`", "syntax error: expected ':'", None),
    ("trailing comma", "syntax error: trailing comma", None),
    ("trailing characters", "syntax error: unexpected characters after the end of the document", None),
    ("key must be a string", "syntax error: object keys must be strings", None),
    ("invalid unicode code point", "invalid UTF-8 in string", None),
    ("unexpected end of hex escape", "invalid \\u escape (lone surrogate)", None),
    ("lone leading surrogate in hex escape", "invalid \\u escape (lone surrogate)", None),
    ("invalid escape", "syntax error: invalid escape in string", None),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "raw control character inside a string (write it as \\u00XX)",
        None,
    ),
    ("recursion limit exceeded", "nesting too deep (limit 128)", None),
    ("number out of range", "number out of range", None),
    ("expected value", "syntax error: expected a JSON value", Some(Code::ExpectedValue)),
];

/// serde's names for types, in JSON's words. The one `u8` of the schema is an episode's
/// number, which validation also keeps above 0, so both messages give the README's range.
const REWORDS: [(&str, &str); 5] = [
    ("expected u8", "expected an integer from 1 to 255"),
    ("expected u16", "expected an integer from 0 to 65535"),
    ("expected u32", "expected an integer from 0 to 4294967295"),
    ("a sequence", "an array"),
    ("`", "'"),
];

/// Our message for a serde_json error, and its code when the loader needs one.
pub(super) fn translate(error: &serde_json::Error) -> (Option<Code>, String) {
    let full = error.to_string();
    let text = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let text = sanitize::message(text);
    if error.is_eof() {
        let message = if text.contains("string") {
            "unexpected end of file while reading a string"
        } else {
            "unexpected end of file: the JSON document is incomplete"
        };
        return (None, message.into());
    }
    if let Some(rest) = text.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut message = format!("unknown field '{field}'");
        if let Some(best) = closest(field, &names) {
            message.push_str(&format!(" — did you mean '{best}'?"));
        }
        return (Some(Code::UnknownField { field: field.to_string() }), message);
    }
    if let Some(rest) = text.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return (Some(Code::MissingField { field: field.to_string() }), format!("missing required field '{field}'"));
    }
    if let Some(rest) = text.strip_prefix("duplicate field `") {
        let key = rest.trim_end_matches('`');
        return (Some(Code::DuplicateKey { key: key.to_string() }), format!("duplicate key '{key}'"));
    }
    for (theirs, ours, code) in &SYNTAX {
        if text.starts_with(theirs) {
            // "expected value" is a code only as the syntax error it is.
            let code = code.clone().filter(|_| error.is_syntax());
            return (code, ours.to_string());
        }
    }
    (None, reword(&text))
}

/// The candidate most like `word`, for "did you mean".
pub(super) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A data error's message: JSON's type names, and "expected …, found …" in that order.
fn reword(text: &str) -> String {
    let mut text = text.to_string();
    for (theirs, ours) in REWORDS {
        text = text.replace(theirs, ours);
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        // "string \"2001\", expected …" → "expected …, found string \"2001\""; serde names
        // JSON's arrays and objects after its own data model ("sequence", "map", "struct").
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = match found {
                "sequence" => "an array",
                "map" => "an object",
                other => other,
            };
            let expected = match expected.strip_prefix("struct ") {
                Some(name) => format!("an object ({name})"),
                None => expected.to_string(),
            };
            text = format!("expected {expected}, found {found}");
        }
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            text = format!("out of range: expected {expected}, found {found}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only parsed, to get serde's errors")]
    struct Probe {
        title: String,
        year: u16,
    }

    fn translated(json: &str) -> (Option<Code>, String) {
        match serde_json::from_str::<Probe>(json) {
            Ok(probe) => panic!("parsed: {probe:?}"),
            Err(error) => translate(&error),
        }
    }

    #[test]
    fn codes_name_what_went_wrong_with_the_key_involved() {
        let (code, message) = translated(r#"{"title": "t"}"#);
        assert_eq!(code, Some(Code::MissingField { field: "year".into() }));
        assert_eq!(message, "missing required field 'year'");
        let (code, message) = translated(r#"{"titel": "t", "year": 1}"#);
        assert_eq!(code, Some(Code::UnknownField { field: "titel".into() }));
        assert_eq!(message, "unknown field 'titel' — did you mean 'title'?");
        let (code, message) = translated(r#"{"title": "t", "title": "u", "year": 1}"#);
        assert_eq!(code, Some(Code::DuplicateKey { key: "title".into() }));
        assert_eq!(message, "duplicate key 'title'");
    }

    #[test]
    fn type_errors_are_reworded_and_syntax_errors_come_from_the_table() {
        let (code, message) = translated(r#"{"title": "t", "year": "1999"}"#);
        assert_eq!((code, message.as_str()), (None, "expected an integer from 0 to 65535, found string \"1999\""));
        let (code, message) = translated(r#"{"title": "t" "year": 1}"#);
        assert_eq!((code, message.as_str()), (None, "syntax error: expected ',' or '}'"));
        let (code, message) = translated(r#"{"title": }"#);
        assert_eq!((code, message.as_str()), (Some(Code::ExpectedValue), "syntax error: expected a JSON value"));
        let (code, message) = translated(r#"{"title": "#);
        assert_eq!((code, message.as_str()), (None, "unexpected end of file: the JSON document is incomplete"));
    }
}
