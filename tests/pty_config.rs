//! The config file in the real binary (issue 13): a config that remaps three keys and sets
//! the light theme changes what the keys do and what help and the hints show; a broken
//! config still starts, with the defaults for what is wrong and a line in the status bar;
//! `theme = "auto"` never hangs on a terminal that does not answer; `--color` and NO_COLOR.

#![cfg(unix)]

mod pty_support;

use pty_support::{Pty, Spawn, assert_no_cursor_query, assert_restored};

const TABS: u16 = 0;
const STATUS: u16 = 29;
/// ANSI colour numbers, as the vt100 emulator reports them.
const BLUE: u8 = 4;
const CYAN: u8 = 6;

fn config(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("temp config");
    std::fs::write(file.path(), text).expect("write config");
    file
}

fn start(args: &[&str], env: &[(&str, &str)]) -> Pty {
    let pty = Pty::spawn(Spawn { args, env, ..Spawn::default() });
    pty.wait_for_row(STATUS, "the first frame's status bar", |row| {
        row.trim_end().ends_with(|c: char| c.is_ascii_digit())
    });
    pty
}

/// The foreground colour of the active tab's first letter (`0 Overview`, the start screen).
fn tab_colour(pty: &Pty) -> Option<vt100::Color> {
    pty.with_screen(|screen| screen.cell(TABS, 2).map(|cell| cell.fgcolor()))
}

const THREE_KEYS: &str = r#"
[theme]
name = "light"

[keys.list]
"ctrl-n" = "down"   # 1: another key for down
"x" = "quit"        # 2: x quits, q does not
"q" = "none"

[keys.global]
"f2" = "help"       # 3: F2 opens and closes help
"#;

#[test]
fn three_remapped_keys_and_the_light_theme() {
    let file = config(THREE_KEYS);
    let path = file.path().to_str().expect("utf-8 temp path");
    let mut pty = start(&["--config", path], &[]);
    let status = pty.row(STATUS);
    assert!(status.contains("Ctrl-n/j move"), "{status}");
    assert!(status.contains("F2/? help") && status.contains("x quit"), "{status}");
    assert!(!status.contains("q quit"), "{status}");
    assert_eq!(tab_colour(&pty), Some(vt100::Color::Idx(BLUE)), "the light theme's active tab");

    pty.send("\x0e"); // Ctrl-n
    pty.wait_for_row(STATUS, "Ctrl-n moved down", |row| row.trim_end().ends_with("2/10"));
    pty.send("\x1bOQ"); // F2
    let help = pty.wait_for_text("Help — keys in the list");
    assert!(help.contains("Ctrl-n/j/↓"), "{help}");
    assert!(help.contains("F2/?/F1"), "{help}");
    pty.send("quit"); // help filters as you type
    let filtered = pty.wait_for_text("Filter: quit");
    assert!(filtered.contains("  x                    quit"), "{filtered}");
    assert!(!filtered.contains("  q                    quit"), "{filtered}");
    pty.send("\x1bOQ");
    pty.wait_until("F2 closed help", |p| !p.screen().contains("Help — keys"));
    pty.send("q");
    pty.send("j");
    pty.wait_for_row(STATUS, "q did nothing; j moved", |row| row.trim_end().ends_with("3/10"));
    pty.send("x");
    pty.expect_exit(0);
    assert_restored(&pty, true);
}

#[test]
fn a_broken_config_still_starts_and_says_so() {
    let file = config("[keys.list]\n\"ctrl-j\" = \"dwon\"\n\"/\" = \"quit\"\n[keys.lsit]\n[theme]\nlink = \"bleu\"\n");
    let path = file.path().to_str().expect("utf-8 temp path");
    let mut pty = start(&["--config", path], &[]);
    let status = pty.row(STATUS);
    let name = file.path().file_name().and_then(|n| n.to_str()).expect("temp file name");
    assert!(status.contains(&format!("{name}: 3 errors, 1 warning, defaults used (defiant config check)")), "{status}");
    // The details went out before the screen opened, and are on the screen again after.
    let bytes = pty.bytes();
    let before_screen = &bytes[..pty_support::find(&bytes, pty_support::seq::ENTER_ALT).expect("alt screen")];
    let text = String::from_utf8_lossy(before_screen);
    assert!(text.contains("keys.list.\"ctrl-j\": error: unknown action 'dwon' — did you mean 'down'?"), "{text}");
    assert!(text.contains("keys.lsit: error: unknown context 'lsit' — did you mean 'list'?"), "{text}");
    // The good binding applies, the broken ones kept their defaults.
    pty.send("j");
    pty.wait_for_row(STATUS, "j still moves", |row| row.trim_end().ends_with("2/10"));
    assert_eq!(tab_colour(&pty), Some(vt100::Color::Idx(CYAN)), "the dark theme, link colour ignored");
    pty.send("/");
    pty.expect_exit(0);
    assert_restored(&pty, true);
}

#[test]
fn auto_theme_on_a_terminal_that_never_answers_starts_dark() {
    // The harness's terminal answers no query (not OSC 11, not DA1): the query must time out.
    let file = config("[theme]\nname = \"auto\"\n");
    let path = file.path().to_str().expect("utf-8 temp path");
    let mut pty = start(&["--config", path], &[]);
    assert_eq!(tab_colour(&pty), Some(vt100::Color::Idx(CYAN)));
    assert!(pty_support::contains(&pty.bytes(), b"\x1b]11;?"), "the background was asked for");
    pty.send("q");
    pty.expect_exit(0);
    assert_restored(&pty, true);
    assert_no_cursor_query(&pty);
}

#[test]
fn color_never_and_no_color_win_over_the_theme() {
    let file = config("[theme]\nname = \"light\"\n");
    let path = file.path().to_str().expect("utf-8 temp path");
    for (args, env) in [
        (vec!["--config", path, "--color", "never"], vec![]),
        (vec!["--config", path, "--color", "always"], vec![("NO_COLOR", "1")]),
    ] {
        let mut pty = start(&args, &env);
        assert_eq!(tab_colour(&pty), Some(vt100::Color::Default), "{args:?} {env:?}");
        pty.send("q");
        pty.expect_exit(0);
    }
    let mut pty = start(&["--config", path, "--color", "always"], &[]);
    assert_eq!(tab_colour(&pty), Some(vt100::Color::Idx(BLUE)));
    pty.send("q");
    pty.expect_exit(0);
}
