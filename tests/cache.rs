//! The snapshot cache (issue #14), with the real binary: a snapshot answers exactly as the
//! JSON does, is used only while the file is unchanged, and any damage to it, a cache
//! directory that cannot be written, or several processes building at once only cost
//! speed. Every test has its own data and cache directories (never the user's cache).

mod bin_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bin_support::{Run, defiant_in, fixtures, run};

struct Setup {
    dir: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

/// A copy of a fixture, old enough (see `snapshot::RACY`) that a snapshot may be made of it.
fn setup(fixture: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data.json");
    fs::copy(fixtures().join(fixture), &data).unwrap_or_else(|e| panic!("{e}"));
    let cache = dir.path().join("cache");
    settle();
    Setup { dir, data, cache }
}

/// Wait out the racy window after a write (not a timing assertion: nothing is measured).
fn settle() {
    std::thread::sleep(defiant::snapshot::RACY + Duration::from_millis(100));
}

impl Setup {
    fn run(&self, args: &[&str]) -> Run {
        let mut command = defiant_in(self.dir.path());
        command.arg("--data").arg(&self.data).arg("--cache").arg(&self.cache).args(args);
        run(&mut command)
    }

    fn run_without_cache(&self, args: &[&str]) -> Run {
        let mut command = defiant_in(self.dir.path());
        command.arg("--data").arg(&self.data).arg("--no-cache").args(args);
        run(&mut command)
    }

    /// Where the search's answer came from, per its `--timings` line.
    fn search_from(&self, query: &str) -> (String, String) {
        let run = self.run(&["search", query, "--timings", "--limit", "0"]);
        let from = if run.stderr.contains("from snapshot)") {
            "snapshot"
        } else if run.stderr.contains("from JSON)") {
            "JSON"
        } else {
            panic!("no timings: {}", run.stderr)
        };
        (from.to_string(), run.stdout)
    }

    fn snapshots(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(&self.cache)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "snap"))
            .collect();
        found.sort();
        found
    }

    fn only_snapshot(&self) -> PathBuf {
        let found = self.snapshots();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }

    /// Build the snapshot and check the next run reads it.
    fn warm(&self, query: &str) {
        assert_eq!(self.search_from(query).0, "JSON");
        assert_eq!(self.search_from(query).0, "snapshot");
    }
}

fn same(a: &Run, b: &Run, what: &str) {
    assert_eq!((a.code, &a.stdout, &a.stderr), (b.code, &b.stdout, &b.stderr), "{what}");
}

const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["list", "quote"],
    &["search", "a", "--limit", "0"],
    &["search", "the", "--json", "--limit", "0"],
    &["search", "'dre | iovine", "--exact"],
    &["search", "zqxj"],
    &["quote", "q01"],
];

#[test]
fn a_snapshot_answers_every_command_as_the_json_does() {
    for fixture in ["all-fields.json", "unicode-names.json", "escapes-everywhere.json", "tui-hostile.json"] {
        let s = setup(fixture);
        s.warm("a");
        let ids = s.run_without_cache(&["list"]).stdout;
        let mut commands: Vec<Vec<String>> =
            COMMANDS.iter().map(|c| c.iter().map(|a| a.to_string()).collect()).collect();
        for id in ids.lines().filter_map(|l| l.split('\t').next()).take(40) {
            commands.push(vec!["show".into(), id.into()]);
            commands.push(vec!["show".into(), id.into(), "--json".into()]);
        }
        for command in &commands {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            same(&s.run(&args), &s.run_without_cache(&args), &format!("{fixture}: {command:?}"));
        }
        assert_eq!(s.search_from("a").0, "snapshot", "{fixture}: still served from the snapshot");
    }
}

/// Same size, same mtime, other bytes: only ctime (which `touch` cannot set back) shows it.
#[test]
fn a_file_edited_in_place_and_touched_back_is_seen_as_changed() {
    let s = setup("all-fields.json");
    s.warm("a");
    let before = fs::metadata(&s.data).unwrap_or_else(|e| panic!("{e}"));
    let text = fs::read_to_string(&s.data).unwrap_or_else(|e| panic!("{e}"));
    let word = "Zqxjvw";
    let edited = replace_same_length(&text, word);
    let file = fs::OpenOptions::new().write(true).open(&s.data).unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut &file, edited.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    file.set_modified(before.modified().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let after = fs::metadata(&s.data).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((after.len(), after.modified().ok()), (before.len(), before.modified().ok()));
    let (from, out) = s.search_from(word);
    assert_eq!(from, "JSON");
    assert!(out.contains('\t'), "the new word is found: {out}");
    same(&s.run(&["search", word]), &s.run_without_cache(&["search", word]), "after the edit");
}

/// The first quote's text starts with a word of `word`'s length made into `word`.
fn replace_same_length(text: &str, word: &str) -> String {
    let quotes = text.find("\"quotes\"").unwrap_or_else(|| panic!("no quotes"));
    let at =
        quotes + text[quotes..].find("\"text\": \"").unwrap_or_else(|| panic!("no text field")) + "\"text\": \"".len();
    assert!(text[at..at + word.len()].chars().all(|c| c.is_ascii_alphanumeric() || c == ' '));
    format!("{}{word}{}", &text[..at], &text[at + word.len()..])
}

#[test]
fn a_file_replaced_by_a_rename_is_seen_as_changed() {
    let s = setup("all-fields.json");
    s.warm("a");
    let before = fs::metadata(&s.data).unwrap_or_else(|e| panic!("{e}"));
    let text = fs::read_to_string(&s.data).unwrap_or_else(|e| panic!("{e}"));
    let next = s.dir.path().join("next.json");
    fs::write(&next, replace_same_length(&text, "Wvxjqz")).unwrap_or_else(|e| panic!("{e}"));
    let file = fs::File::options().write(true).open(&next).unwrap_or_else(|e| panic!("{e}"));
    file.set_modified(before.modified().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    fs::rename(&next, &s.data).unwrap_or_else(|e| panic!("{e}"));
    settle();
    let (from, out) = s.search_from("Wvxjqz");
    assert_eq!(from, "JSON");
    assert!(out.contains('\t'), "{out}");
    assert_eq!(s.search_from("Wvxjqz").0, "snapshot", "and the new file gets its snapshot");
}

/// A build right after a write makes no snapshot (it could not tell a second write in the
/// same clock tick), so a write that follows it at once is never answered from a stale one.
#[test]
fn a_racy_write_right_after_a_build_is_never_served_stale() {
    let s = setup("all-fields.json");
    let text = fs::read_to_string(&s.data).unwrap_or_else(|e| panic!("{e}"));
    fs::write(&s.data, &text).unwrap_or_else(|e| panic!("{e}"));
    let modified = fs::metadata(&s.data).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.search_from("a").0, "JSON");
    assert!(s.snapshots().is_empty(), "no snapshot of a file that just changed");
    let file = fs::OpenOptions::new().write(true).open(&s.data).unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut &file, replace_same_length(&text, "Qzxjwv").as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    file.set_modified(modified).unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let (from, out) = s.search_from("Qzxjwv");
    assert_eq!(from, "JSON");
    assert!(out.contains('\t'), "{out}");
}

fn damaged(s: &Setup, damage: impl Fn(&Path)) {
    s.warm("a");
    let snap = s.only_snapshot();
    damage(&snap);
    let (from, out) = s.search_from("a");
    assert_eq!(from, "JSON", "a damaged snapshot is not used");
    assert_eq!(out, s.run_without_cache(&["search", "a", "--limit", "0"]).stdout);
    assert_eq!(s.search_from("a").0, "snapshot", "it was rebuilt");
    let info = s.run(&["cache", "info"]);
    assert!(info.stdout.contains("\tfresh\t"), "{}", info.stdout);
}

fn flip(path: &Path, at: impl Fn(usize) -> usize) {
    let mut bytes = fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let i = at(bytes.len());
    bytes[i] ^= 0x20;
    fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_corrupt_header_is_rejected_and_rebuilt() {
    damaged(&setup("all-fields.json"), |p| flip(p, |_| 60));
}

#[test]
fn a_corrupt_body_is_rejected_and_rebuilt() {
    damaged(&setup("all-fields.json"), |p| flip(p, |len| len - 40));
    damaged(&setup("all-fields.json"), |p| flip(p, |len| len / 2));
}

#[test]
fn a_truncated_snapshot_is_rejected_and_rebuilt() {
    damaged(&setup("all-fields.json"), |p| {
        let bytes = fs::read(p).unwrap_or_else(|e| panic!("{e}"));
        fs::write(p, &bytes[..bytes.len() / 3]).unwrap_or_else(|e| panic!("{e}"));
    });
}

#[test]
fn a_snapshot_of_another_version_is_rejected_and_rebuilt() {
    damaged(&setup("all-fields.json"), |p| flip(p, |_| 8));
    // Another defiant's version string, with a header checksum that holds.
    damaged(&setup("all-fields.json"), |p| {
        let mut bytes = fs::read(p).unwrap_or_else(|e| panic!("{e}"));
        bytes[16..48].copy_from_slice(&[b'9'; 32]);
        let end = defiant::snapshot::HEADER_LEN - 8;
        let hash = xxh3(&bytes[..end]);
        bytes[end..end + 8].copy_from_slice(&hash.to_le_bytes());
        fs::write(p, bytes).unwrap_or_else(|e| panic!("{e}"));
    });
}

fn xxh3(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[test]
fn a_foreign_file_in_the_snapshots_place_is_rejected_and_replaced() {
    damaged(&setup("all-fields.json"), |p| {
        fs::write(p, "{\"not\": \"a snapshot\"}\n").unwrap_or_else(|e| panic!("{e}"))
    });
    damaged(&setup("all-fields.json"), |p| fs::write(p, "").unwrap_or_else(|e| panic!("{e}")));
}

/// Several real processes building the same snapshot at once all answer right, and leave
/// one good snapshot and no temporary file.
#[test]
fn concurrent_builders_all_succeed() {
    let s = setup("unicode-names.json");
    let expected = s.run_without_cache(&["search", "a", "--limit", "0"]);
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut command = defiant_in(s.dir.path());
            command.arg("--data").arg(&s.data).arg("--cache").arg(&s.cache).args(["search", "a", "--limit", "0"]);
            command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
            command.spawn().unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(output.status.code(), expected.code);
        assert_eq!(String::from_utf8_lossy(&output.stdout), expected.stdout);
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected.stderr);
    }
    s.only_snapshot();
    let leftovers: Vec<_> = fs::read_dir(&s.cache)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(s.search_from("a").0, "snapshot");
}

/// A cache directory that cannot be made or written costs one line on stderr, and the
/// answers are the same. (Root ignores permission bits, so the directory is under a file.)
#[test]
fn a_cache_directory_that_cannot_be_written_costs_one_line() {
    let mut s = setup("all-fields.json");
    let blocker = s.dir.path().join("a-file");
    fs::write(&blocker, "").unwrap_or_else(|e| panic!("{e}"));
    s.cache = blocker.join("cache");
    let run = s.run(&["search", "a"]);
    let plain = s.run_without_cache(&["search", "a"]);
    assert_eq!((run.code, &run.stdout), (plain.code, &plain.stdout));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), plain.stderr.lines().count() + 1, "{}", run.stderr);
    assert!(lines[0].starts_with("defiant: cannot write a snapshot in ") && lines[0].ends_with("(running without it)"));
    assert_eq!(s.run(&["search", "a"]).stderr, run.stderr, "every run says it once");
}

/// `--no-cache` neither reads nor writes snapshots; `DEFIANT_CACHE` names the directory.
#[test]
fn no_cache_reads_and_writes_nothing() {
    let s = setup("all-fields.json");
    let mut command = defiant_in(s.dir.path());
    command.env("DEFIANT_CACHE", &s.cache).arg("--data").arg(&s.data);
    let first = run(command.args(["--no-cache", "search", "a", "--timings"]));
    assert!(first.stderr.contains("from JSON)"));
    assert!(!s.cache.exists(), "nothing written with --no-cache");
    let mut command = defiant_in(s.dir.path());
    command.env("DEFIANT_CACHE", &s.cache).arg("--data").arg(&s.data).args(["search", "a"]);
    run(&mut command);
    assert_eq!(s.snapshots().len(), 1, "DEFIANT_CACHE is where snapshots go");
    let mut command = defiant_in(s.dir.path());
    command.env("DEFIANT_CACHE", &s.cache).arg("--data").arg(&s.data);
    let again = run(command.args(["--no-cache", "search", "a", "--timings"]));
    assert!(again.stderr.contains("from JSON)"), "a snapshot exists but is not read");
    let off = s.run_without_cache(&["cache", "info"]);
    assert_eq!((off.code, off.stderr.as_str()), (Some(2), "defiant: the cache is off (--no-cache)\n"));
}

#[test]
fn cache_info_lists_and_clear_removes() {
    let s = setup("all-fields.json");
    s.warm("a");
    let info = s.run(&["cache", "info"]);
    assert_eq!(info.code, Some(0));
    let lines: Vec<&str> = info.stdout.lines().collect();
    assert!(
        lines[0].starts_with("cache: ") && lines[1].starts_with("limits: 4 snapshots, 1024 MiB"),
        "{}",
        info.stdout
    );
    assert_eq!(lines[2].split(',').next(), Some("1 snapshot"));
    assert!(lines[3].ends_with(&format!(
        "\tfresh\t{}",
        fs::canonicalize(&s.data).map(|p| p.display().to_string()).unwrap_or_default()
    )));
    let cleared = s.run(&["cache", "clear"]);
    assert!(cleared.stdout.starts_with("removed 1 snapshot ("), "{}", cleared.stdout);
    assert!(s.snapshots().is_empty());
    assert_eq!(s.search_from("a").0, "JSON");
}

/// `validate` reads the JSON even when a snapshot is good, so it shows every warning with
/// its line and excerpt.
#[test]
fn validate_always_reads_the_json() {
    let s = setup("tui-hostile.json");
    s.warm("a");
    same(&s.run(&["validate"]), &s.run_without_cache(&["validate"]), "validate");
    let strict = s.run(&["validate", "--strict"]);
    assert_eq!(strict.code, s.run_without_cache(&["validate", "--strict"]).code);
    // The warning count still shows on a command served from the snapshot.
    let list = s.run(&["list"]);
    assert!(list.stderr.contains("warning"), "{}", list.stderr);
}

#[test]
fn older_snapshots_beyond_the_limit_are_removed() {
    let s = setup("all-fields.json");
    for i in 0..6 {
        let data = s.dir.path().join(format!("d{i}.json"));
        fs::copy(&s.data, &data).unwrap_or_else(|e| panic!("{e}"));
    }
    settle();
    for i in 0..6 {
        let mut command = defiant_in(s.dir.path());
        command.arg("--data").arg(s.dir.path().join(format!("d{i}.json"))).arg("--cache").arg(&s.cache).arg("list");
        run(&mut command);
        // Distinct modification times, so "newest" is well defined.
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.snapshots().len(), defiant::snapshot::store::MAX_SNAPSHOTS);
    let newest = fs::canonicalize(s.dir.path().join("d5.json")).unwrap_or_default();
    let info = s.run(&["cache", "info"]).stdout;
    assert!(info.contains(&newest.display().to_string()), "{info}");
}

/// The browser loads through the same path, and says nothing about a cache it cannot
/// write (its screen is the place for messages, and this one is only about speed).
#[test]
fn the_browser_says_nothing_about_a_cache_it_cannot_write() {
    use clap::Parser;
    let s = setup("all-fields.json");
    let blocker = s.dir.path().join("a-file");
    fs::write(&blocker, "").unwrap_or_else(|e| panic!("{e}"));
    let cache = blocker.join("cache");
    let args = ["defiant".as_ref(), "--data".as_ref(), s.data.as_os_str(), "--cache".as_ref(), cache.as_os_str()];
    let cli = defiant::cli::Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"));
    let mut err = Vec::new();
    let opened = defiant::cli::open(&cli, &mut err, true).unwrap_or_else(|e| panic!("{e}"));
    assert!(opened.is_some_and(|o| o.loaded.dataset.count(defiant::data::Kind::Quote) == 2));
    assert_eq!(String::from_utf8_lossy(&err), "");
    let mut err = Vec::new();
    defiant::cli::open(&cli, &mut err, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&err).lines().count(), 1, "a command says it once");
}

/// The browser checks the text as it reads it and the rest once its first frame is drawn
/// (`Opened::verify`): a damaged byte in the text reads as empty strings (never as the
/// damaged bytes, never a panic), and the check removes the snapshot for the next run to
/// rebuild.
#[test]
fn the_browser_reads_damaged_text_as_empty_and_removes_the_snapshot() {
    use clap::Parser;
    let s = setup("all-fields.json");
    s.warm("a");
    let snap = s.only_snapshot();
    let mut bytes = fs::read(&snap).unwrap_or_else(|e| panic!("{e}"));
    let needle = b"Trust is earned";
    let at = bytes.windows(needle.len()).position(|w| w == needle).unwrap_or_else(|| panic!("no text"));
    bytes[at] = b'C';
    fs::write(&snap, bytes).unwrap_or_else(|e| panic!("{e}"));
    let args = ["defiant".as_ref(), "--data".as_ref(), s.data.as_os_str(), "--cache".as_ref(), s.cache.as_os_str()];
    let cli = defiant::cli::Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"));
    let mut err = Vec::new();
    let opened = defiant::cli::open(&cli, &mut err, true).unwrap_or_else(|e| panic!("{e}"));
    let mut opened = opened.unwrap_or_else(|| panic!("loads"));
    let verify = opened.verify.take().unwrap_or_else(|| panic!("the browser's check is left to it"));
    let data = &opened.loaded.dataset;
    for kind in defiant::data::Kind::ALL {
        for r in data.records(kind) {
            assert!(!data.label(r).contains("Crust"), "damaged bytes are never shown");
        }
    }
    assert!(data.quotes.iter().all(|q| !q.text.contains("Crust")));
    assert!(snap.exists(), "nothing is hashed whole before the first frame");
    assert!(!verify.run(), "the check finds the damage");
    assert!(!snap.exists(), "the damaged snapshot is removed");
    assert_eq!(s.search_from("a").0, "JSON");
    assert_eq!(s.search_from("a").0, "snapshot", "and rebuilt");
}

/// Wait (bounded) until `done` holds; not a timing assertion: a background builder has no
/// deadline, the bound only keeps a broken build from hanging the suite.
fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..600 {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

impl Setup {
    fn run_building(&self, build: &str, args: &[&str]) -> Run {
        let mut command = defiant_in(self.dir.path());
        command.env("DEFIANT_CACHE_BUILD", build);
        command.arg("--data").arg(&self.data).arg("--cache").arg(&self.cache).args(args);
        run(&mut command)
    }

    fn temporaries(&self) -> Vec<PathBuf> {
        let entries = fs::read_dir(&self.cache).into_iter().flatten().flatten();
        entries.map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(".tmp")).collect()
    }
}

/// The default: a run that finds no snapshot answers from the JSON, exactly as without a
/// cache, and leaves the build to a detached child of the binary; the next run once it is
/// done reads the snapshot.
#[test]
#[cfg(unix)]
fn the_first_run_answers_from_the_json_and_a_detached_child_builds_the_snapshot() {
    let s = setup("unicode-names.json");
    let first = s.run_building("background", &["search", "a", "--limit", "0", "--timings"]);
    assert!(first.stderr.contains("from JSON)"), "{}", first.stderr);
    let plain = s.run_without_cache(&["search", "a", "--limit", "0"]);
    assert_eq!((first.code, &first.stdout), (plain.code, &plain.stdout));
    assert!(eventually(|| s.snapshots().len() == 1 && s.temporaries().is_empty()), "the child built it");
    let lock = defiant::snapshot::lock_path(&s.only_snapshot());
    let lock = fs::File::open(&lock).unwrap_or_else(|e| panic!("{e}"));
    let free = || rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockShared).is_ok();
    assert!(eventually(free), "the child ended");
    let again = s.run_building("background", &["search", "a", "--limit", "0", "--timings"]);
    assert!(again.stderr.contains("from snapshot)"), "{}", again.stderr);
    assert_eq!(again.stdout, plain.stdout);
}

/// A builder that finds another at work (its lock held) leaves at once and writes nothing;
/// once the lock is free it builds.
#[test]
#[cfg(unix)]
fn a_builder_leaves_the_snapshot_to_one_already_at_work() {
    let s = setup("all-fields.json");
    fs::create_dir_all(&s.cache).unwrap_or_else(|e| panic!("{e}"));
    let canonical = fs::canonicalize(&s.data).unwrap_or_else(|e| panic!("{e}"));
    let target = defiant::snapshot::store::snapshot_path(&s.cache, &canonical);
    let lock = fs::File::create(defiant::snapshot::lock_path(&target)).unwrap_or_else(|e| panic!("{e}"));
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).unwrap_or_else(|e| panic!("{e}"));
    let busy = s.run(&["cache", "build"]);
    assert_eq!((busy.code, busy.stderr.as_str()), (Some(0), "defiant: another process is building this snapshot\n"));
    assert!(s.snapshots().is_empty());
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::Unlock).unwrap_or_else(|e| panic!("{e}"));
    let built = s.run(&["cache", "build"]);
    assert_eq!((built.code, built.stderr.as_str()), (Some(0), ""));
    assert_eq!(s.only_snapshot(), target);
    assert_eq!(s.search_from("a").0, "snapshot");
}

/// `DEFIANT_CACHE_BUILD=off` builds nothing (and still reads a snapshot that is there);
/// `--no-cache` starts no builder.
#[test]
fn off_and_no_cache_start_no_builder() {
    let s = setup("all-fields.json");
    for _ in 0..2 {
        let run = s.run_building("off", &["search", "a", "--timings"]);
        assert!(run.stderr.contains("from JSON)"), "{}", run.stderr);
    }
    let mut command = defiant_in(s.dir.path());
    command.env("DEFIANT_CACHE_BUILD", "background").env("DEFIANT_CACHE", &s.cache);
    run(command.arg("--data").arg(&s.data).args(["--no-cache", "search", "a"]));
    // A builder would have started as the command ended; give one time to show itself.
    settle();
    assert!(!s.cache.exists(), "nothing written");
    s.warm("a");
    let run = s.run_building("off", &["search", "a", "--timings"]);
    assert!(run.stderr.contains("from snapshot)"), "{}", run.stderr);
}

/// In the background too, a cache directory that cannot be made costs one line.
#[test]
fn a_cache_directory_that_cannot_be_made_costs_one_line_in_the_background_too() {
    let mut s = setup("all-fields.json");
    let blocker = s.dir.path().join("a-file");
    fs::write(&blocker, "").unwrap_or_else(|e| panic!("{e}"));
    s.cache = blocker.join("cache");
    let run = s.run_building("background", &["search", "a"]);
    let plain = s.run_without_cache(&["search", "a"]);
    assert_eq!((run.code, &run.stdout), (plain.code, &plain.stdout));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), plain.stderr.lines().count() + 1, "{}", run.stderr);
    assert!(lines[0].starts_with("defiant: cannot write a snapshot in ") && lines[0].ends_with("(running without it)"));
}
