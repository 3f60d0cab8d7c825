//! Issue #15, "Hardening, round two": the data layer's faults, one test (or more) per fault,
//! named `rNN_…` after the numbers. Fixtures are generated from
//! `tests/fixtures/minimal.json` (two people `ann-lee` and `bo-ray`, two quotes, …) or
//! written into a temp dir; nothing here is timed (the timings are in BENCHMARKS.md).

// Helpers for the faults this branch has not fixed yet; removed once all are in.
#![allow(dead_code, unused_imports)]

mod bin_support;

use std::fs;
use std::path::Path;

use bin_support::{defiant_in, minimal, run};
use defiant::data::diagnostic::{Diagnostic, Report, Severity};
use defiant::data::{Kind, load};
use serde_json::Value;
use unicode_width::UnicodeWidthChar;

fn minimal_value() -> Value {
    serde_json::from_str(&fs::read_to_string(minimal()).expect("minimal.json")).expect("minimal.json is JSON")
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("serialize")
}

/// The report of a file that must be refused.
fn refused(bytes: &[u8]) -> Report {
    match load::from_bytes("t.json", bytes) {
        Ok(loaded) => panic!("loaded, but must be refused:\n{}", loaded.report),
        Err(error) => error.0,
    }
}

fn errors_at<'r>(report: &'r Report, path: &str) -> Vec<&'r Diagnostic> {
    report.diagnostics.iter().filter(|d| d.severity == Severity::Error && d.path == path).collect()
}

/// A dataset whose `quotes` array holds `count` entries `0` (each a wrong type).
fn zeros(count: usize) -> Vec<u8> {
    let mut value = minimal_value();
    value["quotes"] = Value::String("@ZEROS@".into());
    let text = serde_json::to_string_pretty(&value).expect("serialize");
    let mut list = "0,".repeat(count);
    list.pop();
    text.replace("\"@ZEROS@\"", &format!("[{list}]")).into_bytes()
}

// ---------------------------------------------------------------------------------------
// 3. The size limit cannot be bypassed
// ---------------------------------------------------------------------------------------

/// `/proc` files say they are empty; what is read is bounded, not what the size says.
#[cfg(target_os = "linux")]
#[test]
fn r03_the_limit_bounds_what_is_read_not_the_stated_size() {
    let path = Path::new("/proc/self/status");
    assert_eq!(fs::metadata(path).map(|m| m.len()).ok(), Some(0), "a /proc file states size 0");
    let report = match load::from_path_within(path, 64) {
        Ok(_) => panic!("read past the limit"),
        Err(error) => error.0,
    };
    let text = report.render();
    assert!(text.contains("$: error: file is larger than 64 bytes (the limit)"), "{text}");
}

/// A FIFO, directly or behind a symlink, is refused without blocking on the open.
#[cfg(unix)]
#[test]
fn r03_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink(&fifo, dir.path().join("link.json")).expect("symlink");
    for name in ["pipe.json", "link.json"] {
        let result = run(defiant_in(dir.path()).args(["validate", name]));
        assert_eq!(result.code, Some(2), "{}", result.stderr);
        assert!(result.stderr.contains("not a regular file"), "{}", result.stderr);
    }
}
