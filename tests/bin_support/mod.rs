//! Running the real `defiant` binary from integration tests and checking what it prints.
//!
//! Shared by `dataset_errors.rs` and `cli.rs` (not every helper is used by both).
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Not a timing assertion: a guard so that a regression that blocks (reading a FIFO,
/// waiting on a terminal) fails the test instead of hanging the whole suite.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// `None` when the process was killed by a signal (a stack overflow aborts).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

pub fn minimal() -> PathBuf {
    fixtures().join("minimal.json")
}

/// The binary, run from `dir` (so messages name files relatively), with no stdin.
pub fn defiant_in(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_defiant"));
    // Forced colour would put clap's styling escapes into usage errors; the tests want the default.
    command.current_dir(dir).stdin(Stdio::null()).env_remove("CLICOLOR_FORCE");
    // Never the real state directory: one of this test process's own (tests that look at
    // state pass --state or DEFIANT_STATE themselves, which win).
    command.env(
        "DEFIANT_STATE",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("state-{}", std::process::id())),
    );
    // Never the real config: an empty one, unless a test names its own.
    command.env("DEFIANT_CONFIG", "/dev/null");
    // Snapshots (kept under target/test-cache, see .cargo/config.toml) built inline, so no
    // builder outlives a test (tests of the background build set it themselves).
    command.env("DEFIANT_CACHE_BUILD", "inline");
    command
}

/// The binary, run from `tests/fixtures`.
pub fn defiant() -> Command {
    defiant_in(&fixtures())
}

/// Run to completion and capture both streams, which must be sanitized UTF-8 whatever the
/// outcome, and must never carry a panic message.
pub fn run(command: &mut Command) -> Run {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let output = match rx.recv_timeout(HANG_GUARD) {
        Ok(output) => output.unwrap_or_else(|e| panic!("waiting for {command:?}: {e}")),
        Err(_) => {
            // Only the child we started, by its id.
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{command:?} did not finish (hang)");
        }
    };
    assert_clean("stdout", &output.stdout);
    assert_clean("stderr", &output.stderr);
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{command:?} panicked:\n{}", run.stderr);
    run
}

/// Shorthand: run the binary from `tests/fixtures` with these arguments.
pub fn run_args<S: AsRef<OsStr>>(args: &[S]) -> Run {
    run(defiant().args(args))
}

/// Bidirectional formatting characters (listed here, not taken from the crate under test).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// "Sanitized" (RELIABILITY §6): valid UTF-8 with no ESC, BEL or other C0 control except
/// tab and newline, no DEL, no C1 control and no bidi control.
pub fn assert_clean(stream: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{stream} is not UTF-8 ({e}): {bytes:?}"));
    if let Some(c) = text.chars().find(|&c| (c.is_control() && c != '\n' && c != '\t') || is_bidi(c)) {
        panic!("{stream} holds raw U+{:04X}:\n{text:?}", c as u32);
    }
}

/// How the last generated record of a big dataset is spoiled.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Last {
    Valid,
    WrongType,
    MissingComma,
}

/// One generated quote per line; about 130 bytes each.
fn big_quote(i: usize, last: Last) -> String {
    let speaker = if last == Last::WrongType { "5" } else { "\"bo-ray\"" };
    let comma = if last == Last::MissingComma { " " } else { "," };
    format!(
        "{{\"id\":\"g{i:07}\",\"text\":\"Quote {i}, from a long interview.\",\"speaker\":{speaker},\
         \"setting\":\"press\"{comma}\"occasion\":\"press\",\"source\":\"src-a\",\"sources\":[\"src-a\"]}}"
    )
}

/// Write minimal.json plus `count` generated quotes (`quote:g0000000`…, one per line, after
/// minimal's two); returns the 1-based line of the last one.
pub fn write_big(path: &Path, count: usize, last: Last) -> usize {
    let base = fs::read_to_string(minimal()).expect("minimal.json");
    let end_of_quotes = "\"fragment\": true}\n  ],";
    let (before, after) = base.split_once(end_of_quotes).expect("end of quotes in minimal.json");
    let mut out = BufWriter::new(fs::File::create(path).expect("create"));
    let mut line = format!("{before}\"fragment\": true}},\n");
    let mut lines = line.matches('\n').count();
    out.write_all(line.as_bytes()).expect("write");
    for i in 0..count {
        line.clear();
        let is_last = i + 1 == count;
        let _ = write!(line, "    {}", big_quote(i, if is_last { last } else { Last::Valid }));
        line.push_str(if is_last { "\n" } else { ",\n" });
        out.write_all(line.as_bytes()).expect("write");
        lines += 1;
    }
    write!(out, "  ],{after}").expect("write");
    out.flush().expect("flush");
    lines
}
