//! Real processes on one state database (issue #16): two browsers in ptys and the command
//! line marking at once, a process killed with SIGKILL in the middle of a burst, and a
//! browser whose state cannot be saved, or whose database is broken, browsing on.

mod bin_support;
mod pty_support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bin_support::{defiant, run};
use pty_support::{Pty, Spawn};

/// `minimal.json` with `extra` more quotes (`qg0000`, …), written into `dir`.
fn dataset(dir: &Path, extra: usize) -> PathBuf {
    let text = std::fs::read_to_string(bin_support::minimal()).expect("minimal.json");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let template = value["quotes"][0].clone();
    let quotes = value["quotes"].as_array_mut().expect("quotes");
    for i in 0..extra {
        let mut q = template.clone();
        q["id"] = format!("qg{i:04}").into();
        q["text"] = format!("Generated quote number {i}.").into();
        q["seed"] = false.into();
        quotes.push(q);
    }
    let path = dir.join("many.json");
    std::fs::write(&path, serde_json::to_string(&value).expect("json")).expect("write");
    path
}

fn shown(state: &Path, data: &Path, name: &str) -> Vec<String> {
    let out = run(defiant().args(["collection", "show", name, "--data"]).arg(data).arg("--state").arg(state));
    assert_eq!(out.code, Some(0), "{out:?}");
    out.stdout.lines().map(|l| l.split('\t').next().unwrap_or("").to_string()).collect()
}

fn nanos(path: &Path) -> Vec<u64> {
    std::fs::read_to_string(path).unwrap_or_default().lines().filter_map(|l| l.parse().ok()).collect()
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0)
}

#[test]
fn two_browsers_and_the_command_line_mark_at_once_and_every_mark_is_kept() {
    const EACH: usize = 300;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dataset(dir.path(), 1000);
    let state = dir.path().join("state");
    let (data_arg, state_arg) = (data.to_string_lossy().into_owned(), state.to_string_lossy().into_owned());
    let timings: Vec<String> =
        ["a", "b"].iter().map(|n| dir.path().join(format!("{n}.ns")).to_string_lossy().into_owned()).collect();
    let browser = |timing: &str| {
        let env = [("DEFIANT_STATE_TIMINGS", timing)];
        let pty = Pty::spawn(Spawn {
            args: &["--data", &data_arg, "--state", &state_arg, "--fresh"],
            env: &env,
            ..Spawn::default()
        });
        pty.wait_for_text("Episodes");
        pty
    };
    let (mut a, mut b) = (browser(&timings[0]), browser(&timings[1]));
    a.send("5");
    b.send("5G");
    a.wait_for_text("Quotes (1002)");
    b.wait_for_row(29, "the last quote", |r| r.contains("1002/1002"));
    let ids: Vec<String> = (350..350 + EACH).map(|i| format!("quote:qg{i:04}")).collect();
    let mut cli = Command::new(env!("CARGO_BIN_EXE_defiant"));
    cli.args(["collection", "add", "cli", "--data", &data_arg, "--state", &state_arg]).args(&ids);
    let cli = cli.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn the command line");
    // A marks the first 300 quotes going down, B the last 300 going up, while the
    // command line adds 300 others.
    a.send(&"mj".repeat(EACH));
    b.send(&"mk".repeat(EACH));
    let cli = cli.wait_with_output().expect("the command line ends");
    a.wait_for_row(29, "the 301st row", |r| r.contains(&format!("{}/1002", EACH + 1)));
    b.wait_for_row(29, "the 702nd row", |r| r.contains(&format!("{}/1002", 1002 - EACH)));
    a.send("q");
    b.send("q");
    a.expect_exit(0);
    b.expect_exit(0);
    assert_eq!(cli.status.code(), Some(0), "{}", String::from_utf8_lossy(&cli.stderr));
    assert_eq!(String::from_utf8_lossy(&cli.stdout).lines().count(), EACH);

    let marked = shown(&state, &data, "marked");
    let unique: std::collections::BTreeSet<&String> = marked.iter().collect();
    assert_eq!((marked.len(), unique.len()), (2 * EACH, 2 * EACH), "every mark of both browsers");
    assert_eq!(shown(&state, &data, "cli"), ids, "every record the command line added, in order");

    // How long handing an edit to the writer took on each browser's UI thread.
    let mut all: Vec<u64> = timings.iter().flat_map(|t| nanos(Path::new(t))).collect();
    all.sort_unstable();
    assert!(all.len() >= 2 * EACH, "a hand-off per mark: {}", all.len());
    eprintln!(
        "UI-thread hand-off over {} edits: p50 {} ns, p99 {} ns, max {} ns",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0)
    );
}

#[test]
fn sigkill_in_a_burst_leaves_every_acknowledged_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dataset(dir.path(), 1000);
    let state = dir.path().join("state");
    let ids: Vec<String> = (0..1000).map(|i| format!("quote:qg{i:04}")).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_defiant"))
        .args(["collection", "add", "burst", "--data"])
        .arg(&data)
        .arg("--state")
        .arg(&state)
        .args(&ids)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut acknowledged = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        acknowledged.push(line.trim_start_matches("added ").to_string());
        if acknowledged.len() == 150 {
            child.kill().expect("SIGKILL");
            break;
        }
    }
    let status = child.wait().expect("wait");
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(9), "killed mid-burst: {status:?}");
    let conn = rusqlite::Connection::open(state.join("state.db")).expect("the database opens");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    drop(conn);
    let kept = shown(&state, &data, "burst");
    assert!(kept.len() >= 150 && kept.len() < 1000, "{}", kept.len());
    assert_eq!(&kept[..150], &acknowledged[..], "every acknowledged write, in order");
    eprintln!("killed after 150 acknowledged adds: {} on disk (the rest of 1000 never started)", kept.len());
}

fn as_nobody() -> &'static [&'static str] {
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false);
    if root { &["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] } else { &[] }
}

#[cfg(unix)]
#[test]
fn a_browser_whose_state_cannot_be_saved_browses_on_and_says_so_once() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let dir = base.path().join("ro");
    // A mark made earlier, while the directory could be written.
    let made = run(defiant().args(["collection", "add", "marked", "quote:q02", "--state"]).arg(&dir));
    assert_eq!(made.code, Some(0), "{made:?}");
    let before = std::fs::read(dir.join("state.db")).expect("the database");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let dir_arg = dir.to_string_lossy().into_owned();
    let mut pty = Pty::spawn(Spawn { args: &["--state", &dir_arg], wrap: as_nobody(), ..Spawn::default() });
    pty.wait_for_row(29, "the notice", |r| r.contains("State not saved: cannot write"));
    pty.send("5");
    // The earlier mark still shows (read without writing), on the second quote's row.
    pty.wait_for_row(4, "the kept glyph", |r| r.starts_with("│★"));
    pty.send("m");
    pty.wait_for_row(29, "the mark", |r| r.contains("Marked"));
    pty.wait_for_row(3, "the new glyph", |r| r.starts_with("│★"));
    pty.send("q");
    pty.expect_exit(0);
    let bytes = String::from_utf8_lossy(&pty.bytes()).into_owned();
    let after = bytes.rsplit("\u{1b}[?1049l").next().unwrap_or("");
    assert_eq!(after.matches("defiant: state not saved: cannot write").count(), 1, "one stderr line: {after:?}");
    assert!(std::fs::read(dir.join("state.db")).expect("still there") == before, "the database is untouched");
}

#[test]
fn a_browser_on_a_broken_database_moves_it_aside_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("state.db"), b"not a database at all, just text\n".repeat(100)).expect("write");
    let dir_arg = dir.path().to_string_lossy().into_owned();
    let mut pty = Pty::spawn(Spawn { args: &["--state", &dir_arg], cols: 200, ..Spawn::default() });
    pty.wait_for_row(29, "the notice", |r| r.contains("moved to") && r.contains("state.db.broken-"));
    pty.send("5m");
    pty.wait_for_row(29, "the mark", |r| r.contains("Marked"));
    pty.send("q");
    pty.expect_exit(0);
    let out = run(defiant().args(["collection", "show", "marked", "--state"]).arg(dir.path()));
    assert_eq!((out.code, out.stdout.lines().count()), (Some(0), 1), "{out:?}");
}

#[test]
fn a_browser_killed_mid_burst_leaves_a_database_that_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dataset(dir.path(), 1000);
    let state = dir.path().join("state");
    let (data_arg, state_arg) = (data.to_string_lossy().into_owned(), state.to_string_lossy().into_owned());
    let pty = Pty::spawn(Spawn { args: &["--data", &data_arg, "--state", &state_arg], ..Spawn::default() });
    pty.wait_for_text("Episodes");
    let mut pty = pty;
    pty.send("5");
    pty.wait_for_text("Quotes (1002)");
    // Bursts of 20 marks; the kill lands while the eighth is being handled and written.
    for burst in 0..8 {
        pty.send(&"mj".repeat(20));
        if burst < 7 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    pty.signal(nix::sys::signal::Signal::SIGKILL);
    let status = pty.wait_exit();
    assert_eq!(status.signal(), Some("Killed"), "{status:?}");
    let conn = rusqlite::Connection::open(state.join("state.db")).expect("the database opens");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    drop(conn);
    // What was saved is the start of the burst, in order: quote 0, 1, 2, … with no gap.
    let kept = shown(&state, &data, "marked");
    let expected: Vec<String> = std::iter::once("quote:q01".to_string())
        .chain(std::iter::once("quote:q02".to_string()))
        .chain((0..1000).map(|i| format!("quote:qg{i:04}")))
        .take(kept.len())
        .collect();
    assert_eq!(kept, expected);
    eprintln!("killed after sending 160 marks: {} of them were on disk", kept.len());
}
