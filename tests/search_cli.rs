//! `defiant search`: output format, ranking on the bundled data, JSON positions, exit codes.

use std::process::{Command, Output};

fn defiant(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_defiant")).args(args).output().unwrap_or_else(|e| panic!("run: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn lines_are_kind_id_label_field_best_first() {
    let o = defiant(&["search", "iovine"]);
    assert_eq!(o.status.code(), Some(0));
    let first = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, "person:jimmy-iovine\tJimmy Iovine\tname");
}

#[test]
fn nothing_found_exits_1_and_empty_queries_exit_2() {
    let o = defiant(&["search", "zqxjzqxj"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    for q in ["", "   ", "person:"] {
        let o = defiant(&["search", q]);
        assert_eq!(o.status.code(), Some(2), "{q:?}");
    }
    assert_eq!(defiant(&["search"]).status.code(), Some(2), "missing query is a usage error");
    assert_eq!(defiant(&["search", "x", "--kind", "nonsense"]).status.code(), Some(2));
}

#[test]
fn kind_limit_and_json_positions() {
    let o = defiant(&["search", "levitator", "--kind", "quote", "--json", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let hit = &hits[0];
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert_eq!(hit["kind"], "quote");
    assert_eq!(hit["id"], "q71");
    assert_eq!(hit["field"], "text");
    let text: Vec<char> = hit["text"].as_str().unwrap_or_default().chars().collect();
    let matched: String = hit["positions"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .filter_map(|p| p.as_u64().and_then(|p| text.get(p as usize)))
        .collect();
    assert_eq!(matched, "levitator");
}

#[test]
fn operators_work_from_the_command_line() {
    let people = stdout(&defiant(&["search", "person:", "^eminem$", "|", "^bono$", "--limit", "0"]));
    let ids: Vec<&str> = people.lines().map(|l| l.split('\t').next().unwrap_or_default()).collect();
    assert_eq!(ids.len(), 2, "{people}");
    assert!(ids.contains(&"person:eminem") && ids.contains(&"person:bono"));
    let exact = defiant(&["search", "--exact", "levtator"]);
    assert_eq!(exact.status.code(), Some(1), "--exact turns off fuzzy matching");
    let fuzzy = defiant(&["search", "levtator"]);
    assert_eq!(fuzzy.status.code(), Some(0));
}

#[test]
fn timings_go_to_stderr() {
    let o = defiant(&["search", "dre", "--timings", "--limit", "1"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("timings: load ") && err.contains(" ms, index ") && err.contains(" ms, search "), "{err}");
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn pathological_queries_never_panic() {
    let long = "a".repeat(10_000);
    for q in [long.as_str(), "\u{1b}]0;pwned\u{7}", "(.*)+[a-z]{2,}", "👨‍👩‍👧 emoji", "مرحبا", "'", "!", "^$", "| | |"]
    {
        let o = defiant(&["search", q]);
        assert!(matches!(o.status.code(), Some(0..=2)), "{q:?}: {:?}", o.status);
        let all = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{q:?} echoed a control character");
    }
}

#[test]
fn json_hits_say_their_tier() {
    let o = defiant(&["search", "dre", "--json", "--limit", "0"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let hits = hits.as_array().cloned().unwrap_or_default();
    assert_eq!(hits[0]["id"], "dr-dre");
    assert_eq!(hits[0]["tier"], "word");
    let tiers: Vec<&str> = hits.iter().filter_map(|h| h["tier"].as_str()).collect();
    assert_eq!(tiers.len(), hits.len(), "every hit of a positive term has a tier");
    assert!(tiers.iter().all(|t| ["word", "prefix", "substring", "fuzzy"].contains(t)));
    let rank = |t: &str| ["fuzzy", "substring", "prefix", "word"].iter().position(|x| *x == t);
    assert!(tiers.windows(2).all(|w| rank(w[0]) >= rank(w[1])), "stronger evidence first: {tiers:?}");
}

#[test]
fn a_limit_is_mentioned_only_to_a_terminal() {
    // Tests run with stderr piped: the "50 of 184 shown" note is for people at a terminal.
    let o = defiant(&["search", "dre", "--limit", "1"]);
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn folding_finds_curly_quotes_and_accents_from_ascii() {
    let first = |args: &[&str]| stdout(&defiant(args)).lines().next().unwrap_or_default().to_string();
    let exact = stdout(&defiant(&["search", "--exact", "don't know", "--limit", "3"]));
    assert!(exact.lines().any(|l| l.starts_with("quote:q96\t")), "{exact}");
    assert!(first(&["search", "i'm so secluded"]).starts_with("quote:q97\t"));
    assert!(first(&["search", "he's looking"]).starts_with("quote:q96\t"));
    assert_eq!(first(&["search", "jarvi"]), "person:lasse-jarvi\tLasse Järvi\tname");
    assert!(first(&["search", "\"attention span\""]).starts_with("quote:q06\t"));
}
