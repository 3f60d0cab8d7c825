//! Issue #15 "Hardening, round two", the command line's faults (numbered as in the issue):
//! r06 output that cannot be written, for every command including help and completions.
//!
//! Everything runs the real binary: the faults are about what reaches the process's
//! standard streams, which an in-process `cli::run` into a `Vec<u8>` cannot see.

mod bin_support;

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

use bin_support::{assert_clean, defiant};

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
        &["search", "trust"],
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
