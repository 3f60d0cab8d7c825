//! `defiant collection …`: output, exit codes, and export → import into a fresh state
//! directory (issue #16).

mod bin_support;

use std::path::Path;

use bin_support::{Run, defiant, run};

fn cli(state: &Path, args: &[&str]) -> Run {
    run(defiant().arg("collection").args(args).arg("--state").arg(state))
}

#[test]
fn add_list_show_remove_rename_delete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path();
    let empty = cli(state, &["list"]);
    assert_eq!((empty.code, empty.stdout.as_str()), (Some(1), ""), "nothing found");
    let added = cli(state, &["add", "reading", "quote:q06", "person:dr-dre", "q01"]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert_eq!(added.stdout, "added quote:q06\nadded person:dr-dre\nadded quote:q01\n");
    assert_eq!(cli(state, &["add", "marked", "theme:friendship"]).code, Some(0));
    let list = cli(state, &["list"]);
    assert_eq!((list.code, list.stdout.as_str()), (Some(0), "reading\t3\nmarked\t1\n"));
    let json: serde_json::Value = serde_json::from_str(&cli(state, &["list", "--json"]).stdout).expect("json");
    assert_eq!(json, serde_json::json!([{"name": "reading", "count": 3}, {"name": "marked", "count": 1}]));
    let show = cli(state, &["show", "reading"]);
    let lines: Vec<&str> = show.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("quote:q06\tThe music business is quick"), "{}", lines[0]);
    assert_eq!(lines[1], "person:dr-dre\tDr. Dre");
    let show_json: serde_json::Value =
        serde_json::from_str(&cli(state, &["show", "reading", "--json"]).stdout).expect("json");
    assert_eq!(show_json[1]["id"], "dr-dre");
    assert_eq!(show_json[1]["missing"], false);
    // Adding again keeps the order; a bad id adds nothing and names the problem.
    assert_eq!(cli(state, &["add", "reading", "quote:q06"]).code, Some(0));
    let bad = cli(state, &["add", "reading", "quote:q01", "person:nobody-at-all"]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("no person with id 'nobody-at-all'"), "{}", bad.stderr);
    assert_eq!(cli(state, &["show", "reading"]).stdout.lines().count(), 3);
    // Remove, rename, delete, and their "nothing there" cases.
    assert_eq!(cli(state, &["remove", "reading", "person:dr-dre"]).code, Some(0));
    assert_eq!(cli(state, &["remove", "reading", "person:dr-dre"]).code, Some(1));
    assert_eq!(cli(state, &["show", "nope"]).code, Some(1));
    let taken = cli(state, &["rename", "reading", "marked"]);
    assert_eq!(taken.code, Some(2));
    assert!(taken.stderr.contains("already exists"));
    assert_eq!(cli(state, &["rename", "reading", "sheet"]).code, Some(0));
    assert_eq!(cli(state, &["show", "sheet"]).stdout.lines().count(), 2);
    assert_eq!(cli(state, &["delete", "sheet"]).code, Some(0));
    assert_eq!(cli(state, &["delete", "sheet"]).code, Some(1));
    assert_eq!(cli(state, &["list"]).stdout, "marked\t1\n");
    // Usage errors are exit 2.
    assert_eq!(cli(state, &["add", "reading"]).code, Some(2));
    assert_eq!(cli(state, &["export", "marked", "--format", "pdf"]).code, Some(2));
}

#[test]
fn the_markdown_export_is_a_quote_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path();
    assert_eq!(cli(state, &["add", "sheet", "quote:q06", "person:dr-dre"]).code, Some(0));
    let md = cli(state, &["export", "sheet", "--format", "md"]);
    assert_eq!(md.code, Some(0), "{md:?}");
    let text = &md.stdout;
    assert!(text.starts_with("# sheet\n\n> The music business is quick"), "{text}");
    assert!(text.contains("\n>\n> — Allen Hughes, "), "speaker and occasion: {text}");
    assert!(text.contains("*, ") || text.contains("*. <http"), "publication and URL: {text}");
    assert!(text.contains("<http"), "{text}");
    assert!(text.contains("## Records\n\n- [Dr. Dre](http"), "other kinds as a linked list: {text}");
}

#[test]
fn export_then_import_into_a_fresh_state_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    assert_eq!(cli(&one, &["add", "sheet", "quote:q06", "person:dr-dre", "quote:q01"]).code, Some(0));
    let db = rusqlite::Connection::open(one.join("state.db")).expect("db");
    db.execute("UPDATE entries SET note = 'why, \"this\" one' WHERE record = 'quote:q06'", []).expect("note");
    drop(db);
    for format in ["json", "csv", "md"] {
        let file = dir.path().join(format!("sheet.{format}"));
        let out = cli(&one, &["export", "sheet", "--format", format, "--out", &file.to_string_lossy()]);
        assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""), "{out:?}");
        let target = two.join(format);
        let imported = cli(&target, &["import", &file.to_string_lossy()]);
        assert_eq!(imported.code, Some(0), "{imported:?}");
        assert_eq!(imported.stdout, "imported 3 records into sheet\n");
        let (got, want) = (cli(&target, &["show", "sheet"]).stdout, cli(&one, &["show", "sheet"]).stdout);
        if format == "md" {
            // The sheet puts the quotes first, then the other records.
            let sorted = |t: &str| -> Vec<String> {
                let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
                lines.sort();
                lines
            };
            assert_eq!(sorted(&got), sorted(&want), "md");
        } else {
            assert_eq!(got, want, "{format}");
        }
        let notes: serde_json::Value =
            serde_json::from_str(&cli(&target, &["show", "sheet", "--json"]).stdout).expect("json");
        assert_eq!(notes[0]["note"], "why, \"this\" one", "{format}");
    }
    // Records that are not in the dataset are kept, and shown as missing.
    let foreign = dir.path().join("foreign.json");
    std::fs::write(
        &foreign,
        r#"{"collection": "old", "dataset": "x", "records": [{"kind": "person", "id": "gone-now"}, {"kind": "quote", "id": "q06"}]}"#,
    )
    .expect("write");
    let imported = cli(&two.join("json"), &["import", &foreign.to_string_lossy()]);
    assert_eq!(imported.code, Some(0));
    assert!(imported.stderr.contains("1 of them are not in this dataset"), "{}", imported.stderr);
    let show = cli(&two.join("json"), &["show", "old"]);
    assert!(show.stdout.starts_with("person:gone-now\tmissing: person:gone-now\n"), "{}", show.stdout);
    assert_eq!(cli(&two.join("json"), &["remove", "old", "person:gone-now"]).code, Some(0), "removable by hand");
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "{ nope").expect("write");
    let bad = cli(&two.join("json"), &["import", &garbage.to_string_lossy()]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("line 1, column"), "{}", bad.stderr);
}

#[test]
fn state_lives_where_the_flag_or_the_environment_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env_dir = dir.path().join("from-env");
    let out = run(defiant().args(["collection", "add", "c", "q06"]).env("DEFIANT_STATE", &env_dir));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(env_dir.join("state.db").exists());
    let flag_dir = dir.path().join("from-flag");
    let out = run(defiant().args(["collection", "list", "--state"]).arg(&flag_dir).env("DEFIANT_STATE", &env_dir));
    assert_eq!(out.code, Some(1), "the flag wins: an empty state");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env_dir).expect("dir").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "made private");
    }
}
