//! The query language (fzf's, plus kind facets). [`SYNTAX`] is its one description: the
//! browser's help, its empty search screen, `defiant search --help` and (checked by a test)
//! the README all show that table.
//!
//! Terms are read as fzf 0.38 reads them (`parseTerms` in its `src/pattern.go`): the same
//! operators in the same order, smart case per term (a term with an upper-case letter is
//! case-sensitive), `\ ` a literal space inside a term, `|` between terms, and a leading `|`
//! a term of its own. Ours on top: kind facets (`person:`), `"exact phrases"`, and folding of
//! typographic quotes and dashes as well as accents (see `fold`). `tests/fzf_conformance.rs`
//! holds the rules as a table.

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
    Syntax { example: "\"attention span\"", meaning: "exact phrase, spaces included (ours, not fzf's)" },
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
    /// An ASCII term also matches accented letters and typographic quotes and dashes; a term
    /// typed with any other character is matched as typed (fzf's smart normalisation).
    pub folds: bool,
}

impl Term {
    /// One word of the query, its operators read in fzf's order: `!` (an exact test unless
    /// `'` follows), then a trailing `$` (unless the word is `$`), then a leading `'` (which
    /// flips exactness, and wins over the `$`) or `^`.
    fn new(raw: &str, exact_everywhere: bool) -> Option<Term> {
        let mut text = raw;
        let mut mode = if exact_everywhere { Mode::Exact } else { Mode::Fuzzy };
        let mut negated = false;
        if let Some(rest) = text.strip_prefix('!') {
            negated = true;
            mode = Mode::Exact;
            text = rest;
        }
        if text != "$"
            && let Some(rest) = text.strip_suffix('$')
        {
            mode = Mode::Suffix;
            text = rest;
        }
        if let Some(rest) = text.strip_prefix('\'') {
            mode = if exact_everywhere || negated { Mode::Fuzzy } else { Mode::Exact };
            text = rest;
        } else if let Some(rest) = text.strip_prefix('^') {
            mode = if mode == Mode::Suffix { Mode::Whole } else { Mode::Prefix };
            text = rest;
        }
        Self::with(&text.replace("\\ ", " "), mode, negated)
    }

    fn with(text: &str, mode: Mode, negated: bool) -> Option<Term> {
        if text.is_empty() {
            return None;
        }
        let text: String = text.nfc().collect();
        let case_sensitive = text.chars().any(char::is_uppercase);
        let folded = text.to_lowercase();
        let folds = text.is_ascii();
        Some(Term { text, folded, mode, negated, case_sensitive, folds })
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
    /// A `"` opened a phrase that was never closed, so it was taken as a literal character
    /// (the browser may say so).
    pub unclosed_quote: bool,
}

/// Longest query we look at; longer input is cut (a pasted page is not a search).
pub const MAX_QUERY_CHARS: usize = 256;

impl Query {
    /// Parse a query. `exact` turns every fuzzy term into an exact one (the toggle for
    /// results that are "too fuzzy"); as with fzf's `--exact`, `'term` is then fuzzy.
    pub fn parse(input: &str, exact: bool) -> Query {
        let input: String = input.chars().filter(|c| !c.is_control()).take(MAX_QUERY_CHARS).collect();
        let mut query = Query::default();
        // fzf: `|` joins the next term to the last group, once; anywhere else it is a term.
        let (mut join, mut after_bar) = (false, false);
        let (tokens, unclosed) = tokens(&input);
        query.unclosed_quote = unclosed;
        for token in tokens {
            let term = match token {
                Token::Phrase { text, negated } => Term::with(&text, Mode::Exact, negated),
                Token::Word(word) => {
                    if word == "|" && !query.groups.is_empty() && !after_bar {
                        (join, after_bar) = (true, true);
                        continue;
                    }
                    let mut text = word.as_str();
                    if let Some((name, rest)) = word.split_once(':')
                        && let Some(kind) = facet(name)
                    {
                        if !query.kinds.contains(&kind) {
                            query.kinds.push(kind);
                        }
                        // A bare facet is not a term: it leaves `|` as it was.
                        if rest.is_empty() {
                            continue;
                        }
                        text = rest;
                    }
                    Term::new(text, exact)
                }
            };
            after_bar = false;
            let Some(term) = term else { continue };
            match query.groups.last_mut() {
                Some(group) if join => group.0.push(term),
                _ => query.groups.push(Group(vec![term])),
            }
            join = false;
        }
        query
    }

    pub fn allows(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

enum Token {
    /// A space-separated word, operators and `\ ` still in it.
    Word(String),
    /// `"…"` or `!"…"`: the text between the quotes, as it is.
    Phrase { text: String, negated: bool },
}

/// Split on spaces, keeping `\ ` inside a word and a closed `"…"` as one phrase. Also says
/// whether a `"` that starts a word was never closed (it is then an ordinary character).
fn tokens(input: &str) -> (Vec<Token>, bool) {
    let mut out = Vec::new();
    let mut unclosed = false;
    let mut current = String::new();
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '"' && (current.is_empty() || current == "!") {
            if let Some(end) = after.find('"') {
                let negated = current == "!";
                current.clear();
                out.push(Token::Phrase { text: after[..end].to_string(), negated });
                rest = &after[end + 1..];
                continue;
            }
            unclosed = true;
        }
        if c == '\\' && after.starts_with(' ') {
            current.push_str("\\ ");
            rest = &after[1..];
            continue;
        }
        if c.is_whitespace() {
            if !current.is_empty() {
                out.push(Token::Word(std::mem::take(&mut current)));
            }
        } else {
            current.push(c);
        }
        rest = after;
    }
    if !current.is_empty() {
        out.push(Token::Word(current));
    }
    (out, unclosed)
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
