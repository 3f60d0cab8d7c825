//! The query language (fzf's, plus kind facets). [`SYNTAX`] is its one description: the
//! browser's help, its empty search screen, `defiant search --help` and (checked by a test)
//! the README all show that table.
//!
//! Smart case: a term with an uppercase letter is case-sensitive, otherwise not.
//! `\ ` is a literal space inside a term.

use unicode_normalization::UnicodeNormalization;

use crate::data::Kind;

/// One operator of the query language, with an example and what it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syntax {
    pub example: &'static str,
    pub meaning: &'static str,
}

/// The query language, operator by operator.
pub const SYNTAX: &[Syntax] = &[
    Syntax { example: "dre iovine", meaning: "every term must match; fuzzy by default" },
    Syntax { example: "'beats", meaning: "exact substring" },
    Syntax { example: "^dr  dre$  ^part$", meaning: "prefix, suffix, whole field" },
    Syntax { example: "!tupac", meaning: "leave out records containing it" },
    Syntax { example: "dre | jimmy", meaning: "either term" },
    Syntax { example: "person: quote: …", meaning: "only that kind (person:dre too)" },
    Syntax { example: "new\\ york", meaning: "a literal space inside a term" },
];

/// Said after the table wherever it is shown.
pub const SMART_CASE: &str = "Smart case: a term with a capital letter is case-sensitive.";

/// How a term is compared with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    /// `^term$`: the whole field.
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The text to look for, NFC-normalised, as typed.
    pub text: String,
    /// Lower-cased text, for case-insensitive comparison and the pre-check.
    pub folded: String,
    pub mode: Mode,
    pub negated: bool,
    pub case_sensitive: bool,
}

impl Term {
    fn new(raw: &str, exact_everywhere: bool) -> Option<Term> {
        let mut text = raw;
        let mut negated = false;
        if let Some(rest) = text.strip_prefix('!') {
            negated = true;
            text = rest;
        }
        let mut mode = Mode::Fuzzy;
        if let Some(rest) = text.strip_prefix('\'') {
            mode = Mode::Exact;
            // fzf's `'word'` (quoted both ends) is an exact match too.
            text = rest.strip_suffix('\'').filter(|r| !r.is_empty()).unwrap_or(rest);
        } else {
            let prefix = text.strip_prefix('^');
            let body = prefix.unwrap_or(text);
            let suffix = body.strip_suffix('$').filter(|b| !b.is_empty());
            mode = match (prefix.is_some(), suffix.is_some()) {
                (true, true) => Mode::Whole,
                (true, false) => Mode::Prefix,
                (false, true) => Mode::Suffix,
                (false, false) => mode,
            };
            text = suffix.unwrap_or(body);
        }
        // fzf: a negated term is an exact (not fuzzy) test.
        if mode == Mode::Fuzzy && (negated || exact_everywhere) {
            mode = Mode::Exact;
        }
        if text.is_empty() {
            return None;
        }
        let text: String = text.replace("\\ ", " ").nfc().collect();
        let case_sensitive = text.chars().any(char::is_uppercase);
        let folded = text.to_lowercase();
        Some(Term { text, folded, mode, negated, case_sensitive })
    }
}

/// Terms of which at least one must match (`a | b`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group(pub Vec<Term>);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Every group must match.
    pub groups: Vec<Group>,
    /// Kinds to search; empty means all.
    pub kinds: Vec<Kind>,
}

/// Longest query we look at; longer input is cut (a pasted page is not a search).
pub const MAX_QUERY_CHARS: usize = 256;

impl Query {
    /// Parse a query. `exact` turns every fuzzy term into an exact one (the toggle for
    /// results that are "too fuzzy").
    pub fn parse(input: &str, exact: bool) -> Query {
        let input: String = input.chars().filter(|c| !c.is_control()).take(MAX_QUERY_CHARS).collect();
        let mut query = Query::default();
        let mut pending_or = false;
        for token in tokens(&input) {
            if token == "|" {
                pending_or = !query.groups.is_empty();
                continue;
            }
            let mut text = token.as_str();
            if let Some((name, rest)) = token.split_once(':')
                && let Some(kind) = facet(name)
            {
                if !query.kinds.contains(&kind) {
                    query.kinds.push(kind);
                }
                text = rest;
            }
            let Some(term) = Term::new(text, exact) else { continue };
            match query.groups.last_mut() {
                Some(group) if pending_or => group.0.push(term),
                _ => query.groups.push(Group(vec![term])),
            }
            pending_or = false;
        }
        query
    }

    pub fn allows(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// Split on spaces, keeping `\ ` inside a term.
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            current.push_str("\\ ");
            chars.next();
        } else if c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Facet names: the kind's singular or plural (`person:`, `people:`, `quotes:`…).
fn facet(name: &str) -> Option<Kind> {
    let kind = Kind::parse(name)?;
    let lower = name.to_ascii_lowercase();
    (lower == kind.name() || lower == kind.plural().to_ascii_lowercase()).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modes(q: &str) -> Vec<Vec<(String, Mode, bool)>> {
        Query::parse(q, false)
            .groups
            .iter()
            .map(|g| g.0.iter().map(|t| (t.text.clone(), t.mode, t.negated)).collect())
            .collect()
    }

    #[test]
    fn operators() {
        assert_eq!(
            modes("dre 'beats ^dr dre$ ^part$ !tupac"),
            vec![
                vec![("dre".into(), Mode::Fuzzy, false)],
                vec![("beats".into(), Mode::Exact, false)],
                vec![("dr".into(), Mode::Prefix, false)],
                vec![("dre".into(), Mode::Suffix, false)],
                vec![("part".into(), Mode::Whole, false)],
                vec![("tupac".into(), Mode::Exact, true)],
            ]
        );
    }

    #[test]
    fn or_groups_and_facets() {
        let q = Query::parse("person: dre | jimmy quote:chronic", false);
        assert_eq!(q.kinds, vec![Kind::Person, Kind::Quote]);
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].0.len(), 2);
        assert_eq!(q.groups[1].0[0].text, "chronic");
    }

    #[test]
    fn smart_case_exact_toggle_and_escapes() {
        let q = Query::parse("Dre iovine new\\ york", true);
        assert!(q.groups[0].0[0].case_sensitive);
        assert!(!q.groups[1].0[0].case_sensitive);
        assert_eq!(q.groups[1].0[0].mode, Mode::Exact);
        assert_eq!(q.groups[2].0[0].text, "new york");
    }

    #[test]
    fn degenerate_input_is_harmless() {
        for input in ["", "   ", "|", "| |", "!", "'", "^", "$", "^$", "person:", "\u{1b}[2J", "''"] {
            let _ = Query::parse(input, false);
        }
        let blank = Query::parse("   ", false);
        assert!(blank.groups.is_empty() && blank.kinds.is_empty());
        let long = "x".repeat(10_000);
        assert_eq!(Query::parse(&long, false).groups[0].0[0].text.len(), MAX_QUERY_CHARS);
    }
}
