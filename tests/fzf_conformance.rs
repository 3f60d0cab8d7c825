//! The query language against fzf 0.38's rules, as `fzf --filter` applies them to one line.
//!
//! The rows were derived from fzf's documented syntax (README "Search syntax") and from
//! `parseTerms` and the `algo` match functions of its 0.38.0 source (read, not copied):
//!
//! * terms split on spaces; `\ ` is a space inside a term; every term must match;
//! * `!` makes a term inverse *and exact*; then a trailing `$` (unless the term is `$`)
//!   makes it a suffix match; then a leading `'` flips exactness (so `'x$` is an exact
//!   substring, the `$` dropped, and `!'x` an inverse *fuzzy* term), or else a leading `^`
//!   makes it a prefix match (an equal match with the `$`);
//! * a term left empty by its operators is no term (`'`, `^`, `!`, `^$`);
//! * `|` joins the next term to the previous one (OR), once: a leading `|`, or a second
//!   `|` right after one, is a term looking for `|`;
//! * smart case per term: a term with an upper-case letter is case-sensitive;
//! * smart normalisation: a term without accented letters also matches accented text;
//! * `^` skips the line's leading white space, `$` its trailing white space, unless the
//!   term itself starts or ends with white space;
//! * with `--exact`, plain terms are exact and `'` makes a term fuzzy.
//!
//! fzf is not needed to run this. Deliberate differences are in [`OURS`], not here.

use defiant::search::{Query, matches_text};

/// (query, --exact, line, does fzf list the line?)
const FZF: &[(&str, bool, &str, bool)] = &[
    // Fuzzy terms, smart case.
    ("dre", false, "Dr. Dre", true),
    ("dd", false, "Dr. Dre", true),
    ("ed", false, "Dr. Dre", false),
    ("Dre", false, "Dr. Dre", true),
    ("Dre", false, "dr. dre", false),
    ("DRE", false, "Dr. Dre", false),
    ("dre iovine", false, "Jimmy Iovine and Dr. Dre", true),
    ("dre iovine", false, "Dr. Dre", false),
    // Exact, prefix, suffix, equal.
    ("'dre", false, "Dr. Dre", true),
    ("'drd", false, "Dr. Dre", false),
    ("'Dre", false, "DR. DRE", false),
    ("^dr", false, "Dr. Dre", true),
    ("^dre", false, "Dr. Dre", false),
    ("dre$", false, "Dr. Dre", true),
    ("dr$", false, "Dr. Dre", false),
    ("^dr.\\ dre$", false, "Dr. Dre", true),
    ("^dr$", false, "Dr. Dre", false),
    ("^dr", false, "   Dr. Dre", true),
    ("dre$", false, "Dr. Dre   ", true),
    ("^dr.\\ dre$", false, "  Dr. Dre  ", true),
    ("^\\ dr", false, " Dr", true),
    ("^\\ dr", false, "  Dr", false),
    ("'new\\ york", false, "new york city", true),
    ("'new\\ york", false, "Newark York", false),
    // `'` wins over `$`, and `^'` is a prefix with a literal quote.
    ("'dre$", false, "Dre Beats", true),
    ("'beats$", false, "Beats by Dre", true),
    ("^'dr", false, "Dr. Dre", false),
    ("^'dr", false, "'dr who", true),
    // Inverse terms: exact unless `'` follows the `!`.
    ("!tupac", false, "Dr. Dre", true),
    ("!dre", false, "Dr. Dre", false),
    ("!dre", false, "Andre", false),
    ("!drd", false, "Dr. Dre", true),
    ("!'drd", false, "Dr. Dre", false),
    ("!'drd", false, "Dr Eazy", true),
    ("!^dr", false, "Dr. Dre", false),
    ("!^dre", false, "Dr. Dre", true),
    ("!dre$", false, "Dr. Dre", false),
    ("!dr$", false, "Dr. Dre", true),
    ("!^dr.\\ dre$", false, "Dr. Dre", false),
    ("!Dre", false, "dr. dre", true),
    ("!Dre", false, "Dr. Dre", false),
    ("!'dre$", false, "Dre Beats", false),
    ("dre !tupac", false, "Dr. Dre and Tupac", false),
    ("dre !tupac", false, "Dr. Dre and Snoop", true),
    // OR groups.
    ("dre | tupac", false, "Tupac Shakur", true),
    ("dre | tupac", false, "Snoop Dogg", false),
    ("dre | tupac snoop", false, "Tupac and Snoop", true),
    ("dre | tupac snoop", false, "Tupac", false),
    ("!dre | tupac", false, "Tupac and Dre", true),
    ("!dre | tupac", false, "Dre", false),
    ("| dre", false, "Dr. Dre", false),
    ("| dre", false, "Dre | x", true),
    ("dre | | x", false, "Dre x", true),
    ("dre | | x", false, "Dre", false),
    ("dre | | x", false, "| x", true),
    ("a |", false, "a", true),
    // Terms left empty, and lone operators.
    ("'", false, "anything", true),
    ("^", false, "anything", true),
    ("!", false, "anything", true),
    ("^$", false, "anything", true),
    ("!^", false, "anything", true),
    ("''", false, "it's", true),
    ("''", false, "its", false),
    ("$", false, "cost $5", true),
    ("$", false, "cost", false),
    ("!$", false, "cost $5", false),
    // Smart normalisation of accented Latin letters.
    ("jarvi", false, "Lasse Järvi", true),
    ("Jarvi", false, "Lasse Järvi", true),
    ("Jarvi", false, "lasse järvi", false),
    ("järvi", false, "Lasse Jarvi", false),
    ("järvi", false, "LASSE JÄRVI", true),
    ("'beyonce", false, "Beyoncé", true),
    ("^zoe$", false, "Zoë", true),
    ("!'jarvi", false, "Järvi", false),
    // --exact.
    ("dre", true, "Andre", true),
    ("drd", true, "Dr. Dre", false),
    ("dr", true, "d-r", false),
    ("'dr", true, "d-r", true),
    ("^dr", true, "Dr. Dre", true),
];

/// Where we differ on purpose: (query, line, ours, fzf 0.38's answer).
const OURS: &[(&str, &str, bool, bool)] = &[
    // Phrases are ours; fzf reads `"a` and `b"` as two fuzzy terms with literal quotes.
    ("\"attention span\"", "the attention span is short", true, false),
    ("\"attention span\"", "attention is short, span", false, false),
    // ASCII quotes and dashes also match typographic ones.
    ("i'm", "I’m so secluded", true, false),
    ("'apple-beats", "the Apple–Beats sale", true, false),
    ("'\"medicine", "featuring “Medicine Man”", true, false),
    // Typed as curly, matched as typed (fzf agrees).
    ("'i’m", "I'm so secluded", false, false),
    // Letters scattered far apart are "too fuzzy" for us (3+ letters).
    ("ieaoue", "Jimmy Iovine and Dr. Dre, the defiant ones, at Interscope, in Compton", false, true),
];

#[test]
fn the_query_language_agrees_with_fzf_on_every_row() {
    let mut wrong = Vec::new();
    for &(query, exact, line, fzf) in FZF {
        let ours = matches_text(&Query::parse(query, exact), line);
        if ours != fzf {
            wrong.push(format!("{query:?} (exact: {exact}) on {line:?}: fzf {fzf}, ours {ours}"));
        }
    }
    assert!(FZF.len() >= 40);
    assert!(wrong.is_empty(), "{} of {} rows differ:\n{}", wrong.len(), FZF.len(), wrong.join("\n"));
}

#[test]
fn the_deliberate_differences_are_as_documented() {
    for &(query, line, ours, fzf) in OURS {
        assert_eq!(matches_text(&Query::parse(query, false), line), ours, "{query:?} on {line:?} (fzf: {fzf})");
    }
    let unclosed = Query::parse("\"attention span", false);
    assert!(unclosed.unclosed_quote, "an unclosed quote is reported");
    assert!(!matches_text(&unclosed, "the attention span"), "and taken literally");
    assert!(matches_text(&unclosed, "the \"attention\" span"));
    assert!(!Query::parse("\"attention span\" x", false).unclosed_quote);
}
