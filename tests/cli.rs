//! The command line through the real binary: output formats, exit codes, usage errors,
//! help, completions, closed pipes, and the no-command case off a terminal.
//!
//! Data comes from `tests/fixtures/minimal.json` (or files generated from it), so these tests
//! do not depend on the bundled dataset's contents. Every run also checks (in
//! `bin_support::run`) that no stream carries raw control or bidi characters, and that nothing
//! panicked.

mod bin_support;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use bin_support::{Last, assert_clean, defiant, defiant_in, minimal, run, run_args, write_big};
use serde_json::Value;

const MINIMAL: &str = "minimal.json";

fn with_minimal(args: &[&str]) -> bin_support::Run {
    let mut all = vec!["--data", MINIMAL];
    all.extend_from_slice(args);
    run_args(&all)
}

#[test]
fn list_prints_kind_id_tab_label() {
    let list = with_minimal(&["list"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    assert_eq!(list.stderr, "");
    let expected = "\
episode:part-1\tPart 1
episode:part-2\tPart 2
theme:trust\tTrust
person:ann-lee\tAnn Lee
person:bo-ray\tBo Ray
footage:bo-session\tBo in the studio
quote:q01\tTrust is earned, not given.
quote:q02\tI never look back.
source:src-a\tAn Interview
source:src-b\tA Review
";
    assert_eq!(list.stdout, expected);
}

#[test]
fn list_filters_by_kind() {
    let list = with_minimal(&["list", "person"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    assert_eq!(list.stdout, "person:ann-lee\tAnn Lee\nperson:bo-ray\tBo Ray\n");
    let json = with_minimal(&["list", "quote", "--json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let entries: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let ids: Vec<&str> = entries.as_array().expect("array").iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(ids, ["q01", "q02"]);
}

#[test]
fn list_json_is_an_array_of_kind_id_label() {
    let list = with_minimal(&["list", "--json"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let entries: Value = serde_json::from_str(&list.stdout).expect("list --json prints JSON");
    let entries = entries.as_array().expect("an array");
    assert_eq!(entries.len(), 10);
    assert_eq!(entries[0], serde_json::json!({"kind": "episode", "id": "part-1", "label": "Part 1"}));
    assert_eq!(entries[3], serde_json::json!({"kind": "person", "id": "ann-lee", "label": "Ann Lee"}));
    for entry in entries {
        let keys: Vec<&String> = entry.as_object().expect("an object").keys().collect();
        assert_eq!(keys.len(), 3, "{entry}");
        assert!(entry["kind"].is_string() && entry["id"].is_string() && entry["label"].is_string(), "{entry}");
    }
}

#[test]
fn show_prints_fields_and_links() {
    let show = with_minimal(&["show", "person:ann-lee"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert_eq!(show.stderr, "");
    let out = &show.stdout;
    assert!(out.starts_with("person:ann-lee\nAnn Lee\n"), "{out}");
    for piece in [
        "Roles: director, interviewee\n",
        "Description:\n  Directs the series.\n",
        "Links:\n",
        "    quote:q01\tTrust is earned, not given.\n",
        "    episode:part-1\tPart 1\n",
        "    theme:trust\tTrust\n",
        "    source:src-a\tAn Interview\n",
    ] {
        assert!(out.contains(piece), "missing {piece:?} in:\n{out}");
    }
}

#[test]
fn show_json_resolves_links() {
    let show = with_minimal(&["show", "person:ann-lee", "--json"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    let shown: Value = serde_json::from_str(&show.stdout).expect("show --json prints JSON");
    assert_eq!(shown["kind"], "person");
    assert_eq!(shown["id"], "ann-lee");
    assert_eq!(shown["label"], "Ann Lee");
    assert_eq!(shown["record"]["name"], "Ann Lee");
    assert_eq!(shown["record"]["roles"], serde_json::json!(["director", "interviewee"]));
    let mut linked = BTreeSet::new();
    for group in shown["links"].as_array().expect("links array") {
        assert!(group["label"].is_string(), "{group}");
        for item in group["items"].as_array().expect("items array") {
            assert_eq!(item["kind"], group["kind"], "{group}");
            let field = |name: &str| item[name].as_str().expect("string field").to_string();
            linked.insert((field("kind"), field("id"), field("label")));
        }
    }
    let want = |k: &str, i: &str, l: &str| (k.to_string(), i.to_string(), l.to_string());
    for link in [
        want("quote", "q01", "Trust is earned, not given."),
        want("episode", "part-1", "Part 1"),
        want("theme", "trust", "Trust"),
        want("source", "src-a", "An Interview"),
    ] {
        assert!(linked.contains(&link), "missing {link:?} in {linked:?}");
    }
}

#[test]
fn show_unknown_id_suggests() {
    let show = with_minimal(&["show", "person:ann-le"]);
    assert_eq!(show.code, Some(2));
    assert_eq!(show.stdout, "");
    assert!(show.stderr.contains("no person with id 'ann-le'"), "{}", show.stderr);
    assert!(show.stderr.contains("did you mean: person:ann-lee"), "{}", show.stderr);

    // A hostile reference is echoed with placeholders.
    let show = with_minimal(&["show", "person:\u{1b}]0;pwned\u{7}\u{202e}"]);
    assert_eq!(show.code, Some(2));
    assert!(show.stderr.contains("no person with id '␛]0;pwned␇'"), "{}", show.stderr);
}

#[test]
fn show_resolves_bare_ids() {
    let show = with_minimal(&["show", "q01"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.starts_with("quote:q01\n"), "{}", show.stdout);

    let show = with_minimal(&["show", "bo-ray"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.starts_with("person:bo-ray\nBo Ray\n"), "{}", show.stdout);

    let show = with_minimal(&["show", "ann"]);
    assert_eq!(show.code, Some(2));
    assert_eq!(show.stdout, "");
    assert!(show.stderr.contains("no record with id 'ann'"), "{}", show.stderr);
    assert!(show.stderr.contains("did you mean: person:ann-lee"), "{}", show.stderr);
    assert!(show.stderr.contains("hint: write KIND:ID"), "{}", show.stderr);
}

#[test]
fn show_ambiguous_bare_id() {
    // Ids are unique per kind only: a source may share a person's id.
    let dir = tempfile::tempdir().expect("temp dir");
    let base = fs::read_to_string(minimal()).expect("minimal.json");
    let data = base.replacen(
        "  \"sources\": [\n",
        "  \"sources\": [\n    {\"id\": \"ann-lee\", \"title\": \"Ann's notes\", \"publication\": \"P\", \"url\": \"u\"},\n",
        1,
    );
    assert_ne!(data, base);
    fs::write(dir.path().join("shared-id.json"), data).expect("write");
    let show = run(defiant_in(dir.path()).args(["--data", "shared-id.json", "show", "ann-lee"]));
    assert_eq!(show.code, Some(2), "{}", show.stderr);
    assert_eq!(show.stdout, "");
    assert!(show.stderr.contains("'ann-lee' names several records: person:ann-lee, source:ann-lee"), "{}", show.stderr);
    let show = run(defiant_in(dir.path()).args(["--data", "shared-id.json", "show", "source:ann-lee"]));
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.starts_with("source:ann-lee\nAnn's notes\n"), "{}", show.stdout);
}

#[test]
fn usage_errors_exit_2_sanitized() {
    let unknown = run_args(&["frobnicate"]);
    assert_eq!(unknown.code, Some(2));
    assert_eq!(unknown.stdout, "");
    assert!(unknown.stderr.contains("unrecognized subcommand 'frobnicate'"), "{}", unknown.stderr);

    let bad_kind = run_args(&["--data", MINIMAL, "list", "fish"]);
    assert_eq!(bad_kind.code, Some(2));
    assert_eq!(bad_kind.stdout, "");
    assert!(bad_kind.stderr.contains("invalid value 'fish'"), "{}", bad_kind.stderr);
    assert!(bad_kind.stderr.contains("possible values: episode, theme, person"), "{}", bad_kind.stderr);

    let missing = run_args(&["show"]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("<REFERENCE>"), "{}", missing.stderr);

    let flag = run_args(&["list", "--frob"]);
    assert_eq!(flag.code, Some(2));
    assert!(flag.stderr.contains("unexpected argument '--frob'"), "{}", flag.stderr);

    // Escapes in the bad argument never reach the terminal raw (`run` checks both streams).
    // clap itself drops whole escape sequences from its message; what is left (C1, bidi)
    // goes through our sanitizer.
    let hostile = "fi\u{1b}]0;pwned\u{7}sh\u{1b}[2J\u{9b}\u{202e}";
    for args in [vec![hostile], vec!["list", hostile], vec!["--data", MINIMAL, "list", hostile]] {
        let result = run_args(&args);
        assert_eq!(result.code, Some(2), "{args:?}: {}", result.stderr);
        assert_eq!(result.stdout, "", "{args:?}");
        assert!(result.stderr.starts_with("error: "), "{args:?}: {}", result.stderr);
        assert!(result.stderr.contains("'fi"), "{args:?}: {}", result.stderr);
    }
}

#[test]
fn help_on_every_command_exits_0() {
    for args in [
        vec!["--help"],
        vec!["-h"],
        vec!["help"],
        vec!["validate", "--help"],
        vec!["list", "--help"],
        vec!["show", "--help"],
        vec!["completions", "--help"],
        vec!["help", "show"],
    ] {
        let help = run_args(&args);
        assert_eq!(help.code, Some(0), "{args:?}: {}", help.stderr);
        assert_eq!(help.stderr, "", "{args:?}");
        assert!(help.stdout.contains("Usage: defiant"), "{args:?}: {}", help.stdout);
    }
    let version = run_args(&["--version"]);
    assert_eq!(version.code, Some(0));
    assert!(version.stdout.starts_with("defiant "), "{}", version.stdout);
}

/// What `defiant` answers a shell's completion request for `defiant WORDS…` at word `index`.
fn complete(shell: &str, index: usize, words: &[&str]) -> Vec<String> {
    let mut command = bin_support::defiant();
    command.env("COMPLETE", shell).env("_CLAP_COMPLETE_INDEX", index.to_string()).env("_CLAP_IFS", "\n");
    command.arg("--").arg("defiant").args(words);
    let result = bin_support::run(&mut command);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    result.stdout.lines().map(|l| l.split('\t').next().unwrap_or(l).to_string()).collect()
}

#[test]
fn completions_complete_record_ids_from_the_dataset() {
    assert_eq!(complete("bash", 2, &["show", "person:dr"]), ["person:dr-dre"]);
    assert_eq!(complete("bash", 2, &["show", "person:dr"]), complete("bash", 2, &["--open", "person:dr"]));
    // bash splits words at `:`, so after `person:` it asks for the bare id.
    assert!(complete("bash", 2, &["show", "dr-d"]).contains(&"dr-dre".to_string()));
    let quotes = complete("bash", 2, &["quote", "q0"]);
    assert!(quotes.contains(&"q05".to_string()) && quotes.iter().all(|q| q.starts_with("q0")), "{quotes:?}");
    // Only quotes for `quote`; fish shows each record's label beside it.
    assert_eq!(complete("bash", 2, &["quote", "person:"]), Vec::<String>::new());
    let fish = bin_support::run(bin_support::defiant().env("COMPLETE", "fish").args([
        "--",
        "defiant",
        "--open",
        "episode:part-1",
    ]));
    assert_eq!(fish.stdout, "episode:part-1\tPart 1\n");
    // From --data's dataset when it is given.
    let minimal = bin_support::minimal();
    let minimal = minimal.to_str().expect("utf-8 fixture path");
    let from_file = complete("bash", 4, &["--data", minimal, "show", "quote:"]);
    assert!(!from_file.is_empty() && !from_file.contains(&"quote:q05".to_string()), "{from_file:?}");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let script = run_args(&["completions", shell]);
        assert_eq!(script.code, Some(0), "{shell}: {}", script.stderr);
        assert_eq!(script.stderr, "", "{shell}");
        assert!(script.stdout.contains("defiant"), "{shell}: {}", script.stdout);
        // The script calls back into the binary, which answers from the command's shape.
        assert!(script.stdout.contains("COMPLETE"), "{shell}: {}", script.stdout);
    }
    assert_eq!(complete("bash", 1, &["val"]), ["validate"], "completes subcommands");
    let unknown = run_args(&["completions", "tcsh"]);
    assert_eq!(unknown.code, Some(2));
}

#[test]
fn validate_bundled_and_fixture() {
    let bundled = run_args(&["validate"]);
    assert_eq!(bundled.code, Some(0), "{}", bundled.stderr);
    assert!(bundled.stdout.starts_with("defiant-ones.json (bundled): ok ("), "{}", bundled.stdout);
    let fixture = run_args(&["validate", MINIMAL]);
    assert_eq!(fixture.code, Some(0), "{}", fixture.stderr);
    assert_eq!(fixture.stdout, "minimal.json: ok (10 records)\n");
    // `--data` is the default file for `validate`.
    let data = run_args(&["--data", MINIMAL, "validate", "--strict"]);
    assert_eq!(data.code, Some(0), "{}", data.stderr);
    assert_eq!(data.stdout, "minimal.json: ok (10 records)\n");
}

/// Read one line of `args`' stdout, close the pipe, and check the process ends quietly.
fn assert_quiet_on_closed_pipe(mut command: std::process::Command, first_line_prefix: &str) {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).expect("read a line");
    assert!(first.starts_with(first_line_prefix), "{first:?}");
    drop(reader);
    let mut stderr = Vec::new();
    child.stderr.take().expect("piped stderr").read_to_end(&mut stderr).expect("read stderr");
    let status = child.wait().expect("wait");
    assert_clean("stderr", &stderr);
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{command:?}: {stderr}");
    assert_eq!(stderr, "", "{command:?}");
}

#[test]
fn closed_pipe_ends_quietly() {
    // The bundled dataset's list may fit in the pipe's buffer, so a big generated file
    // makes sure the writer really meets the closed pipe.
    let mut bundled = defiant();
    bundled.arg("list");
    assert_quiet_on_closed_pipe(bundled, "episode:");

    let dir = tempfile::tempdir().expect("temp dir");
    write_big(&dir.path().join("big.json"), 100_000, Last::Valid);
    for args in [&["--data", "big.json", "list"][..], &["--data", "big.json", "list", "--json"][..]] {
        let mut command = defiant_in(dir.path());
        command.args(args);
        let first = if args.contains(&"--json") { "[" } else { "episode:part-1\t" };
        assert_quiet_on_closed_pipe(command, first);
    }
}

#[test]
fn no_command_off_a_terminal() {
    // With no command, stdin and stdout are not terminals here. Today's summary (exit 0) and
    // the browser's "needs a terminal" refusal (exit 2) are both acceptable; escape bytes on
    // stdout never are (`run` checks both streams).
    let cases: [(&[&str], &str); 2] = [(&["--data", MINIMAL], "Mini Series (Net, 2020)"), (&[], "")];
    for (args, summary_start) in cases {
        let result = run_args(args);
        match result.code {
            Some(0) => assert!(result.stdout.starts_with(summary_start), "summary expected: {}", result.stdout),
            Some(2) => {
                assert_eq!(result.stdout, "", "nothing on stdout when refusing");
                assert!(result.stderr.contains("terminal"), "{}", result.stderr);
            }
            other => panic!("exit {other:?}\nstdout: {}\nstderr: {}", result.stdout, result.stderr),
        }
    }
}

// --- issue 13's small fixes ---

#[test]
fn an_unknown_kind_is_named_with_the_kinds() {
    for args in [vec!["show", "band:nwa"], vec!["--open", "band:nwa"]] {
        let result = run_args(&args);
        assert_eq!(result.code, Some(2), "{args:?}");
        if args[0] == "show" {
            let kinds: Vec<&str> = defiant::data::Kind::ALL.iter().map(|k| k.name()).collect();
            assert_eq!(
                result.stderr,
                format!("defiant: unknown kind 'band' in 'band:nwa'; the kinds are {}\n", kinds.join(", "))
            );
            assert!(result.stderr.contains("episode, theme, person, footage, quote, source"));
        }
    }
    // A known kind with an unknown id is still "no such id", with suggestions.
    let result = run_args(&["show", "person:dr-dree"]);
    assert!(
        result.stderr.starts_with("defiant: no person with id 'dr-dree'\ndid you mean: person:dr-dre"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_missing_data_file_says_no_such_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let result = run(defiant_in(dir.path()).args(["--data", "gone.json", "list"]));
    assert_eq!(result.code, Some(2));
    assert_eq!(result.stderr, "gone.json: error: no such file\ngone.json: 1 error, 0 warnings\n");
}

#[test]
fn episode_number_errors_agree_on_1_to_255() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(minimal()).expect("minimal fixture");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    for (number, expected) in [
        (serde_json::json!(0), "episodes[0].number: error: expected an integer from 1 to 255, found 0"),
        (serde_json::json!(256), "episodes[0].number: error: out of range: expected an integer from 1 to 255"),
        (serde_json::json!("1"), "episodes[0].number: error: expected an integer from 1 to 255, found string \"1\""),
    ] {
        let mut value = value.clone();
        value["episodes"][0]["number"] = number.clone();
        let path = dir.path().join("numbers.json");
        std::fs::write(&path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
        let result = run(defiant().arg("validate").arg(&path));
        assert_eq!(result.code, Some(2), "{number}");
        assert!(result.stderr.contains(expected), "{number}: {}", result.stderr);
    }
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    assert!(readme.contains("number (1..255)"));
}

#[test]
fn quote_json_carries_the_speakers_id() {
    let result = run_args(&["quote", "q05", "--json"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let value: serde_json::Value = serde_json::from_str(&result.stdout).expect("json");
    assert_eq!(value["speaker"], "Allen Hughes");
    assert_eq!(value["speaker_id"], "allen-hughes");
}

/// bash's own completion function, as `defiant completions bash` registers it, called the
/// way bash calls it for `LINE` (words split at `:` too, as bash does).
fn bash_complete(line: &str, words: &[&str]) -> Option<Vec<String>> {
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_defiant")).parent()?.to_path_buf();
    let script = format!(
        "source <(defiant completions bash)\nCOMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}\n\
         COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n\
         _clap_complete_defiant defiant \"${{COMP_WORDS[COMP_CWORD]}}\" 2>/dev/null\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" ")
    );
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .env("PATH", path)
        .env("DEFIANT_CONFIG", "/dev/null")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_ids_across_its_colon_word_break() {
    let Some(after_colon) = bash_complete("defiant show person:dr-d", &["defiant", "show", "person", ":", "dr-d"])
    else {
        eprintln!("no bash here; skipped");
        return;
    };
    // bash keeps `person:` and replaces only the word after the colon.
    assert_eq!(after_colon, ["dr-dre"]);
    let at_colon = bash_complete("defiant --open episode:", &["defiant", "--open", "episode", ":"]).unwrap_or_default();
    assert!(at_colon.contains(&"part-1".to_string()), "{at_colon:?}");
    let plain = bash_complete("defiant quote q7", &["defiant", "quote", "q7"]).unwrap_or_default();
    assert!(plain.contains(&"q71".to_string()) && plain.iter().all(|q| q.starts_with("q7")), "{plain:?}");
    assert_eq!(bash_complete("defiant vali", &["defiant", "vali"]).unwrap_or_default(), ["validate"]);
}
