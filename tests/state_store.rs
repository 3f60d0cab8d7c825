//! The state database (issue #16): migrations from every earlier version, broken files
//! moved aside and never overwritten, and a directory that cannot be written. The racing
//! and killing of real processes is in `state_processes.rs`.

mod bin_support;

use std::path::Path;

use bin_support::{defiant, run};
use defiant::saved::{Change, Key, Saved};
use defiant::store::{FILE_NAME, Store, schema};
use rusqlite::Connection;

const DATASET: &str = "the-defiant-ones#bundled";

fn quote(id: &str) -> Key {
    Key { kind: defiant::data::Kind::Quote, id: id.into() }
}

fn state() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn open(dir: &Path) -> (Store, Vec<String>) {
    let opening = Store::open(dir, DATASET);
    (opening.store.unwrap_or_else(|| panic!("no store: {:?}", opening.notices)), opening.notices)
}

#[test]
fn every_earlier_version_migrates_with_its_data() {
    for version in 0..schema::VERSION {
        let dir = state();
        let path = dir.path().join(FILE_NAME);
        {
            let mut conn = Connection::open(&path).expect("open");
            schema::migrate_to(&mut conn, version).expect("build the old version");
            assert_eq!(schema::version(&conn).ok(), Some(version));
            if version >= 1 {
                conn.execute_batch(
                    "INSERT INTO collections VALUES ('the-defiant-ones#bundled', 'old', 1);
                     INSERT INTO entries VALUES ('the-defiant-ones#bundled', 'old', 'quote:q06', 1, 'kept note', 1);",
                )
                .expect("v1 data");
            }
            if version >= 2 {
                conn.execute_batch(
                    "INSERT INTO visits (dataset, record, at) VALUES ('the-defiant-ones#bundled', 'person:dr-dre', 5);
                     INSERT INTO queries VALUES ('the-defiant-ones#bundled', 'chronic', 5, 1);",
                )
                .expect("v2 data");
            }
        }
        let (store, notices) = open(dir.path());
        assert!(notices.is_empty(), "v{version}: {notices:?}");
        assert_eq!(schema::version(store.conn()).ok(), Some(schema::VERSION), "from v{version}");
        let saved = store.load().expect("load");
        if version >= 1 {
            let old = saved.collection("old").expect("kept");
            assert_eq!(
                (old.entries[0].key.to_string(), old.entries[0].note.as_str()),
                ("quote:q06".into(), "kept note")
            );
        }
        if version >= 2 {
            assert_eq!(saved.visits.len(), 1);
            assert_eq!(saved.queries, ["chronic"]);
        }
    }
}

#[test]
fn edits_round_trip_and_state_is_per_dataset() {
    let dir = state();
    let (mut store, _) = open(dir.path());
    let changes = [
        Change::Add { collection: "c".into(), key: quote("q1") },
        Change::Add { collection: "c".into(), key: quote("q2") },
        Change::Add { collection: "c".into(), key: quote("q3") },
        Change::Swap { collection: "c".into(), a: quote("q1"), b: quote("q3") },
        Change::Note { collection: "c".into(), key: quote("q2"), note: "two\nlines \u{1b}]0;x\u{7}".into() },
        Change::Remove { collection: "c".into(), key: quote("q1") },
        Change::Query { text: "a".into(), at: 1 },
        Change::Query { text: "b".into(), at: 2 },
        Change::Query { text: "a".into(), at: 3 },
    ];
    store.apply(&changes).expect("apply");
    let mut expected = Saved::default();
    for change in &changes {
        expected.apply(change);
    }
    let saved = store.load().expect("load");
    assert_eq!(saved.collections, expected.collections, "the store and the app agree");
    assert_eq!(saved.queries, ["b", "a"], "newest last, each once");
    assert!(!saved.collections[0].entries[0].note.contains('\u{1b}'));
    let other = Store::open(dir.path(), "another#0123").store.expect("store");
    assert_eq!(other.load().expect("load"), Saved::default(), "another dataset sees nothing");
}

#[test]
fn hand_edited_text_is_sanitized_on_the_way_out() {
    let dir = state();
    let (store, _) = open(dir.path());
    store
        .conn()
        .execute_batch(
            "INSERT INTO collections VALUES ('the-defiant-ones#bundled', 'evil\u{1b}[2J', 1);
             INSERT INTO entries VALUES ('the-defiant-ones#bundled', 'evil\u{1b}[2J', 'quote:q06', 1, 'bidi \u{202e} esc \u{1b}]52;c;x\u{7}', 1);",
        )
        .expect("insert");
    let saved = store.load().expect("load");
    let text = format!("{saved:?}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !saved.collections[0].name.contains(bad) && !saved.collections[0].entries[0].note.contains(bad),
            "{text}"
        );
    }
}

/// What a run of `collection list` on a broken database leaves: the notice, the file moved
/// aside byte for byte, and a fresh database.
fn moved_aside(dir: &Path, original: &[u8], why: &str) {
    let out = run(defiant().args(["collection", "list", "--state"]).arg(dir));
    assert_eq!(out.code, Some(1), "{why}: runs, with no collections: {out:?}");
    assert!(out.stderr.contains("it was moved to") && out.stderr.contains("state.db.broken-"), "{why}: {}", out.stderr);
    let aside: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("state.db.broken-"))
        .filter(|e| {
            !e.file_name().to_string_lossy().ends_with("-wal") && !e.file_name().to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{why}");
    let kept = std::fs::read(aside[0].path()).expect("read");
    assert!(kept == original, "{why}: never overwritten ({} bytes, was {})", kept.len(), original.len());
    // Told once: the next run is quiet and works.
    let again = run(defiant().args(["collection", "add", "x", "quote:q06", "--state"]).arg(dir));
    assert_eq!((again.code, again.stderr.as_str()), (Some(0), ""), "{why}");
}

#[test]
fn not_a_database_is_moved_aside() {
    let dir = state();
    let bytes = b"{\"this is\": \"a JSON file, not SQLite\"}\n".repeat(200);
    std::fs::write(dir.path().join(FILE_NAME), &bytes).expect("write");
    moved_aside(dir.path(), &bytes, "not a database");
}

#[test]
fn a_corrupt_database_is_moved_aside() {
    let dir = state();
    let made = run(defiant().args(["collection", "add", "c", "quote:q06", "quote:q01", "--state"]).arg(dir.path()));
    assert_eq!(made.code, Some(0), "{made:?}");
    let path = dir.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8192, "a few pages");
    // Keep the header (page 1 from byte 100 on is the schema) and wreck the rest.
    for b in &mut bytes[120..] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    moved_aside(dir.path(), &bytes, "corrupt");
}

#[test]
fn a_database_from_a_newer_version_is_moved_aside() {
    let dir = state();
    let path = dir.path().join(FILE_NAME);
    {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").expect("newer");
    }
    let bytes = std::fs::read(&path).expect("read");
    moved_aside(dir.path(), &bytes, "newer");
}

/// As root, permission bits do not stop writes: run the binary as `nobody` then.
fn as_unprivileged(command: &mut std::process::Command) -> std::process::Command {
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false);
    if !root {
        return std::mem::replace(command, std::process::Command::new("true"));
    }
    let mut wrapped = std::process::Command::new("setpriv");
    wrapped.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    wrapped.arg(command.get_program()).args(command.get_args());
    for (k, v) in command.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    wrapped.current_dir("/").stdin(std::process::Stdio::null());
    wrapped
}

#[cfg(unix)]
#[test]
fn a_read_only_state_directory_turns_saving_off_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let base = state();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let dir = base.path().join("ro");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let mut command = defiant();
    command.args(["collection", "add", "c", "quote:q06", "--state"]).arg(&dir);
    let out = run(&mut as_unprivileged(&mut command));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("state not saved: cannot write"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
    assert!(!dir.join(FILE_NAME).exists());
}

#[test]
fn a_busy_database_is_waited_for_not_an_error() {
    let dir = state();
    let (mut store, _) = open(dir.path());
    // Another process holds the write lock for a while.
    let path = dir.path().join(FILE_NAME);
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let mut conn = Connection::open(&path).expect("open");
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).expect("lock");
        tx.execute("INSERT INTO collections VALUES ('x', 'held', 1)", []).expect("write");
        locked_tx.send(()).expect("tell");
        std::thread::sleep(std::time::Duration::from_millis(300));
        tx.commit().expect("commit");
    });
    locked_rx.recv().expect("locked");
    store.apply(&[Change::Add { collection: "c".into(), key: quote("q06") }]).expect("waits, then writes");
    holder.join().expect("holder");
    assert_eq!(store.load().expect("load").collection("c").map(|c| c.entries.len()), Some(1));
}
