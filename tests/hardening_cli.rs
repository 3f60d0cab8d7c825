//! Issue #15 "Hardening, round two", the command line's faults (numbered as in the issue):
//! r06 output that cannot be written, for every command including help and completions;
//! r10 data that forges the structure of `show` and `quote` with line breaks in prose;
//! r18 ids with quotes, `$` and backslashes through pipes (`-0`).
//!
//! Everything runs the real binary: the faults are about what reaches the process's
//! standard streams, which an in-process `cli::run` into a `Vec<u8>` cannot see.

mod bin_support;
#[cfg(unix)]
mod pty_support;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use bin_support::{assert_clean, defiant, defiant_in, run};
use serde_json::Value;

const FULL: &str = "defiant: cannot write output: No space left on device (os error 28)\n";

/// Every command with arguments that make it write to stdout, from `tests/fixtures`.
fn writing_commands() -> Vec<Vec<&'static str>> {
    let data = |args: &[&'static str]| [&["--data", "minimal.json"][..], args].concat();
    let mut all: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["-h"],
        vec!["help"],
        vec!["help", "show"],
        vec!["list", "--help"],
        vec!["search", "--help"],
        vec!["--version"],
        vec!["-V"],
    ];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        all.push(vec!["completions", shell]);
    }
    for args in [
        &["list"][..],
        &["list", "person"],
        &["list", "--json"],
        &["list", "-0"],
        &["search", "trust"],
        &["search", "trust", "--null"],
        &["search", "trust", "--json"],
        &["show", "person:ann-lee"],
        &["show", "q01", "--json"],
        &["quote", "q01"],
        &["quote", "q01", "--json"],
        &["quote"],
        &["validate"],
    ] {
        all.push(data(args));
    }
    all
}

/// Run with stdout already set, capture stderr; the exit code (None: killed by a signal).
fn run_with_stdout(args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let mut child =
        defiant().args(args).stdout(stdout).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let mut stderr = Vec::new();
    child.stderr.take().expect("piped stderr").read_to_end(&mut stderr).expect("read stderr");
    let status = child.wait().expect("wait");
    assert_clean("stderr", &stderr);
    (status.code(), String::from_utf8_lossy(&stderr).into_owned())
}

/// The write end of a pipe whose reader has already exited: `true` is started with its
/// stdin piped and waited for, so the first write meets EPIPE (no race with the reader).
fn pipe_without_reader() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().expect("spawn true");
    let writer = reader.stdin.take().expect("piped stdin");
    reader.wait().expect("wait for true");
    Stdio::from(writer)
}

/// r06: a full disk (`/dev/full`, ENOSPC) is exit 2 with one line on stderr, for every
/// command. Before: `completions` panicked (exit 101, clap_complete's "failed to write
/// completion file"), and help/version exited 0 having written nothing.
#[cfg(unix)]
#[test]
fn r06_unwritable_output_is_exit_2() {
    for args in writing_commands() {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let (code, stderr) = run_with_stdout(&args, Stdio::from(full));
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!((code, stderr.as_str()), (Some(2), FULL), "{args:?}");
    }
}

/// r06: the reader of the pipe has gone (`defiant … | head -0`): quiet, exit 0, as the
/// README says, for every command. Before: `completions` panicked (exit 101).
#[cfg(unix)]
#[test]
fn r06_reader_gone_is_quiet_exit_0() {
    for args in writing_commands() {
        let (code, stderr) = run_with_stdout(&args, pipe_without_reader());
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}

/// r06: stdout closed (`>&-`). Rust's runtime reopens a closed standard descriptor on
/// `/dev/null` (read-write) before `main`, so the program cannot tell this from output sent
/// to `/dev/null` by Python's `subprocess.DEVNULL` or Go's `exec` (same device, same flags,
/// checked in /proc/self/fdinfo): it behaves as it does for `>/dev/null`. This pins that:
/// exit 0 (1 for nothing found), nothing on stderr, never a panic.
#[cfg(unix)]
#[test]
fn r06_closed_stdout_behaves_as_dev_null() {
    for args in writing_commands() {
        let output = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" >&-")
            .arg(env!("CARGO_BIN_EXE_defiant"))
            .args(&args)
            .current_dir(bin_support::fixtures())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("run sh");
        assert_clean("stderr", &output.stderr);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!((output.status.code(), &*stderr), (Some(0), ""), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}: wrote into the closed stdout's pipe");
    }
}

// ---------------------------------------------------------------------------------------
// r10: line breaks in prose cannot forge a section, a link or an attribution
// ---------------------------------------------------------------------------------------

/// What a hostile prose field appends: a fake `Links:` section with a link, a fake field
/// and a fake quote attribution, each on a line of its own.
const FORGERY: &str = "\n\nLinks:\n  Quotes (1)\n    quote:q02\tFORGED link\nFORGED: a field\n\n— FORGED [quote:q01]";

/// The keys of prose fields (`Flavour::Text` in `src/data/schema.rs`: the only strings that
/// keep a line break after sanitizing; one-line fields fold it into a space).
const PROSE: &[&str] = &["text", "value", "detail", "format", "summary", "description", "context", "note"];

fn forge(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                match field {
                    Value::String(text) if PROSE.contains(&key.as_str()) => text.push_str(FORGERY),
                    other => forge(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(forge),
        _ => {}
    }
}

/// `all-fields.json` (every optional field filled) with the forgery in every prose field.
fn forged(dir: &Path) -> &'static str {
    let text = fs::read_to_string(bin_support::fixtures().join("all-fields.json")).expect("all-fields.json");
    let mut data: Value = serde_json::from_str(&text).expect("JSON");
    forge(&mut data);
    fs::write(dir.join("forged.json"), serde_json::to_string_pretty(&data).expect("JSON")).expect("write");
    "forged.json"
}

/// Lines that start at column 0 (not blank, not indented): the output's structure.
fn column_0(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).collect()
}

/// r10: in `show`, every line of a prose field (a description, a note, an event, a
/// variant…) is indented under its field, so only our headings start at column 0. Before:
/// a note's or an event's second line started at column 0 (a fake `Links:` section).
#[test]
fn r10_show_prose_cannot_forge_sections() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = forged(dir.path());
    let list = run(defiant_in(dir.path()).args(["--data", file, "list"]));
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let links: Vec<&str> = list.stdout.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(links.len(), 10, "{}", list.stdout);
    for link in links {
        let show = run(defiant_in(dir.path()).args(["--data", file, "show", link]));
        assert_eq!(show.code, Some(0), "{link}: {}", show.stderr);
        let out = &show.stdout;
        assert!(out.contains("FORGED"), "{link}: the forgery is shown, indented:\n{out}");
        let structure = column_0(out);
        assert!(structure.iter().all(|l| !l.contains("FORGED")), "{link}: data at column 0:\n{out}");
        assert!(structure.iter().filter(|l| **l == "Links:").count() <= 1, "{link}: two Links sections:\n{out}");
        // The first two lines are the deep link and the title, then fields and links.
        assert_eq!(structure.first(), Some(&link), "{out}");
    }
}

/// The lines of `quote`'s text form, checked: the attribution is the only line at column 0
/// and the last one; every line of the quote's text is indented.
fn assert_quote_structure(out: &str, id: &str) {
    let structure = column_0(out);
    assert_eq!(structure.len(), 1, "{id}: only the attribution starts at column 0:\n{out}");
    let attribution = structure[0];
    assert!(attribution.starts_with("— ") && !attribution.contains("FORGED"), "{id}: {attribution}\n{out}");
    let last = out.lines().rev().find(|l| !l.is_empty() && !l.starts_with(' ')).unwrap_or_default();
    assert_eq!(last, attribution, "{id}: the attribution (and its wrapped lines) ends the output:\n{out}");
    assert!(out.contains("  — FORGED [quote:q01]"), "{id}: the forged line is shown as text:\n{out}");
}

/// r10: `quote` indents the quote's text by two spaces, so a text line cannot imitate the
/// attribution (`— Someone [quote:q1]`), which alone starts at column 0; `--json` keeps
/// the text as it is. Before: the text was printed at column 0, fake attribution included.
#[test]
fn r10_quote_text_cannot_forge_the_attribution() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = forged(dir.path());
    for id in ["q01", "q02"] {
        let quote = run(defiant_in(dir.path()).args(["--data", file, "quote", id]));
        assert_eq!(quote.code, Some(0), "{}", quote.stderr);
        assert_quote_structure(&quote.stdout, id);
        assert!(quote.stdout.trim_end().ends_with(&format!("[quote:{id}]")), "{}", quote.stdout);

        let json = run(defiant_in(dir.path()).args(["--data", file, "quote", id, "--json"]));
        assert_eq!(json.code, Some(0), "{}", json.stderr);
        let value: Value = serde_json::from_str(&json.stdout).expect("JSON");
        let text = value["text"].as_str().expect("text");
        // As loaded: the sanitizer turns the tab into spaces and keeps the line breaks.
        let forgery = FORGERY.replace('\t', "    ");
        assert!(text.ends_with(&forgery) && !text.starts_with(' '), "--json keeps the text: {text:?}");
    }
}

/// r10 on a terminal, where `quote` wraps: wrapped and continuation lines of the text stay
/// indented, the attribution's first line alone starts at column 0.
#[cfg(unix)]
#[test]
fn r10_quote_wrapped_on_a_terminal_keeps_the_structure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(forged(dir.path()));
    let file = file.to_str().expect("UTF-8 temp path");
    let mut pty = pty_support::Pty::spawn(pty_support::Spawn {
        args: &["--data", file, "quote", "q01"],
        cols: 30,
        rows: 40,
        ..pty_support::Spawn::default()
    });
    pty.expect_exit(0);
    let screen = pty.screen_rows().iter().map(|row| row.trim_end().to_string()).collect::<Vec<_>>().join("\n");
    assert!(screen.lines().all(|l| l.chars().count() <= 30), "{screen}");
    assert!(screen.contains("  Trust is earned, not given."), "{screen}");
    assert_quote_structure(&screen, "q01 on a terminal");
}

// ---------------------------------------------------------------------------------------
// r18: ids that a shell or xargs would mangle survive `list -0 | cut -z | xargs -0`
// ---------------------------------------------------------------------------------------

/// minimal.json with ids holding double quotes, apostrophes, `$`, a backslash and
/// parentheses, references included (no spaces: whether an id may hold one is for the
/// validator to say). `(old, new)` pairs are JSON text, quotes included.
const AWKWARD_IDS: &[(&str, &str)] = &[
    ("\"ann-lee\"", r#""ann\"o'lee""#),
    ("\"bo-ray\"", r#""$bo\\ray""#),
    ("\"trust\"", r#""it's""#),
    ("\"q01\"", r#""q'01\"""#),
    ("\"src-a\"", r#""src-$(a)""#),
];

/// The deep links the awkward ids make, as `show` takes them.
const AWKWARD_LINKS: &[&str] =
    &["person:ann\"o'lee", "person:$bo\\ray", "theme:it's", "quote:q'01\"", "source:src-$(a)"];

fn awkward(dir: &Path) -> &'static str {
    let mut text = fs::read_to_string(bin_support::minimal()).expect("minimal.json");
    for (old, new) in AWKWARD_IDS {
        assert!(text.contains(old), "{old} in minimal.json");
        text = text.replace(old, new);
    }
    fs::write(dir.join("awkward.json"), text).expect("write");
    "awkward.json"
}

/// Run a `-0` command: like `bin_support::run`, except that stdout may hold NUL (the
/// terminator), and nothing else `assert_clean` refuses. Returns (exit code, stdout).
fn run_null(command: &mut Command) -> (Option<i32>, String) {
    let output = command.stdout(Stdio::piped()).stderr(Stdio::piped()).output().expect("run defiant");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    assert_clean("stdout", stdout.replace('\0', "\n").as_bytes());
    assert_clean("stderr", &output.stderr);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    (output.status.code(), stdout)
}

/// NUL-terminated records: no newline anywhere, one NUL after each record.
fn records(stdout: &str) -> Vec<&str> {
    assert!(!stdout.contains('\n'), "-0 ends records with NUL, not newline: {stdout:?}");
    assert!(stdout.ends_with('\0'), "{stdout:?}");
    stdout.strip_suffix('\0').unwrap_or_default().split('\0').collect()
}

/// r18: `list -0` and `search -0` end each record with NUL, so a record's first field is
/// the exact deep link `show` takes back, whatever the id holds. Before: `-0` was an
/// unknown argument (exit 2), and the newline form through `xargs` broke on the quotes.
#[test]
fn r18_list_and_search_null_terminated_records_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = awkward(dir.path());
    let validate = run(defiant_in(dir.path()).args(["validate", "--strict", file]));
    assert_eq!(validate.code, Some(0), "the validator accepts these ids: {}", validate.stderr);

    let (code, list) = run_null(defiant_in(dir.path()).args(["--data", file, "list", "-0"]));
    assert_eq!(code, Some(0));
    let listed = records(&list);
    assert_eq!(listed.len(), 10, "{listed:?}");
    let links: Vec<&str> = listed.iter().map(|r| r.split('\t').next().unwrap_or_default()).collect();
    for awkward in AWKWARD_LINKS {
        assert!(links.contains(awkward), "{awkward} in {links:?}");
    }
    // Same records as the newline form, only the terminator differs.
    let (_, nul) = run_null(defiant_in(dir.path()).args(["--data", file, "list", "--null", "quote"]));
    let lines = run(defiant_in(dir.path()).args(["--data", file, "list", "quote"]));
    assert_eq!(nul.replace('\0', "\n"), lines.stdout);

    let (code, search) =
        run_null(defiant_in(dir.path()).args(["--data", file, "search", "-0", "--limit", "0", "trust"]));
    assert_eq!(code, Some(0));
    let found = records(&search);
    assert!(found.iter().all(|r| r.split('\t').count() == 3), "KIND:ID, label, field: {found:?}");
    assert!(found.iter().any(|r| r.starts_with("theme:it's\t")), "{found:?}");

    for link in links {
        let show = run(defiant_in(dir.path()).args(["--data", file, "show", link]));
        assert_eq!(show.code, Some(0), "{link}: {}", show.stderr);
        assert_eq!(show.stdout.lines().next(), Some(link), "{}", show.stdout);
    }

    // `-0` is for the line form; JSON has its own framing.
    for args in [&["list", "-0", "--json"][..], &["search", "trust", "--null", "--json"]] {
        let both = run(defiant_in(dir.path()).args(["--data", file]).args(args));
        assert_eq!(both.code, Some(2), "{args:?}: {}", both.stdout);
        assert!(both.stderr.contains("cannot be used with"), "{args:?}: {}", both.stderr);
    }
}

/// r18: the README's pipeline, `defiant list -0 | cut -z -f1 | xargs -0 -n1 defiant show`,
/// shows every record, awkward ids included (GNU `cut -z`, hence Linux only).
#[cfg(target_os = "linux")]
#[test]
fn r18_readme_pipeline_shows_every_awkward_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = awkward(dir.path());
    let script = "\"$0\" --data \"$1\" list -0 | cut -z -f1 | xargs -0 -n1 \"$0\" --data \"$1\" show";
    let output = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_defiant"), file])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    for link in AWKWARD_LINKS {
        assert!(stdout.lines().any(|l| l == *link), "{link} shown:\n{stdout}");
    }
    assert_eq!(stdout.matches("\nLinks:\n").count(), 10, "ten records shown:\n{stdout}");
}
