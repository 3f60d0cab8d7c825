//! End-to-end tests of the real binary in a pseudo-terminal (RELIABILITY.md §6.2): keys go
//! in through the pty, and the tests check what a terminal would show (a vt100 emulator),
//! the raw escape sequences, the exit status and the pty's termios.
//!
//! Every wait is for a condition, with a generous deadline (see `pty_support::TIMEOUT`);
//! nothing sleeps and then asserts.

#![cfg(unix)]

mod pty_support;

use nix::sys::signal::Signal;
use nix::sys::termios::LocalFlags;
use pty_support::{
    OnTty, Pty, Spawn, assert_no_cursor_query, assert_restored, assert_termios_restored, contains, find, keys, rfind,
    run_with_stdio, seq, show,
};

/// Rows of the default 100×30 terminal.
const TABS: u16 = 0;
const CRUMBS: u16 = 1;
const STATUS: u16 = 29;

/// Start on the bundled dataset (100×30) and wait for the first full frame: the status bar,
/// drawn last, ends with a position (`1/4`, `link 1/69`).
fn start(args: &[&str]) -> Pty {
    let pty = Pty::start(args);
    pty.wait_for_row(STATUS, "the first frame's status bar", |row| {
        row.trim_end().ends_with(|c: char| c.is_ascii_digit())
    });
    pty
}

/// Start as [`start`] does and show the Episodes pane (`1`): the browser opens on the
/// Overview, whose chart is not a list of records.
fn start_on_episodes(args: &[&str]) -> Pty {
    let mut pty = start(args);
    pty.send("1");
    pty.wait_for_row(STATUS, "the Episodes list", |row| row.trim_end().ends_with("1/4"));
    pty
}

/// The breadcrumb line, trimmed.
fn crumbs(pty: &Pty) -> String {
    pty.row(CRUMBS).trim().to_string()
}

fn wait_crumbs(pty: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    pty.wait_for_row(CRUMBS, what, |row| pred(row.trim())).trim().to_string()
}

fn wait_status(pty: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    pty.wait_for_row(STATUS, what, |row| pred(row.trim()))
}

/// Quit with `q` and check the exit code and everything "restored" means.
fn quit_and_check(mut pty: Pty, mouse: bool) {
    pty.send("q");
    pty.expect_exit(0);
    assert_restored(&pty, mouse);
    assert_termios_restored(&pty);
    assert_no_cursor_query(&pty);
}

/// T12/T14 on a normal session: browse, follow a link, go back and forward, open and close
/// help, quit; every mode enabled is disabled again.
#[test]
fn browse_follow_back_help_and_quit() {
    let first = start(&[]).screen();
    assert!(first.contains("Who speaks"), "the browser starts on the Overview: {first}");
    let mut pty = start_on_episodes(&[]);
    let first = pty.screen();
    assert!(pty.row(TABS).contains("1 Episodes"), "tab bar: {first}");
    assert!(first.contains("Part 1"), "the episode list shows Part 1: {first}");
    assert_eq!(crumbs(&pty), "Episodes");
    wait_status(&pty, "position 1/4", |s| s.ends_with("1/4"));

    pty.send("j");
    wait_status(&pty, "position 2/4 after j", |s| s.ends_with("2/4"));

    pty.send("3");
    wait_crumbs(&pty, "the People pane", |c| c == "People");
    // The list block (not the tab bar, which always shows the counts) is now People's.
    pty.wait_for_row(2, "the People list block", |r| r.starts_with("┌ People (81)"));
    assert!(pty.row(3).contains("Dr. Dre"), "the People list starts with Dr. Dre: {}", pty.screen());
    wait_status(&pty, "position 1/81", |s| s.ends_with("1/81"));

    // Enter opens the selected person: focus moves to the detail and its links.
    pty.send(keys::ENTER);
    wait_crumbs(&pty, "Dr. Dre's detail", |c| c == "Dr. Dre");
    wait_status(&pty, "the first link selected", |s| s.contains("link 1/"));
    assert!(pty.screen().contains("person:dr-dre"), "detail shows the id: {}", pty.screen());

    pty.send("j");
    wait_status(&pty, "the second link selected", |s| s.contains("link 2/"));
    pty.send("j");
    wait_status(&pty, "the third link selected", |s| s.contains("link 3/"));

    // Enter on a quote link opens the reader on the quotes linked from Dr. Dre; Esc (alone,
    // so it is not the start of a sequence) closes it and the detail is as it was.
    pty.send(keys::ENTER);
    pty.wait_for("the reader on Dr. Dre's quotes", |s| s.contains("quotes linked from Dr. Dre"));
    std::thread::sleep(std::time::Duration::from_millis(60));
    pty.send(keys::ESC);
    wait_status(&pty, "back on the third link", |s| s.contains("link 3/"));

    // l follows the selected link as a page.
    pty.send("l");
    let followed = wait_crumbs(&pty, "a followed link (a › in the breadcrumb)", |c| c.contains(" › "));
    assert!(followed.starts_with("Dr. Dre › "), "breadcrumb after following a link: {followed:?}");

    pty.send(keys::BACKSPACE);
    wait_crumbs(&pty, "back at Dr. Dre", |c| c == "Dr. Dre");
    wait_status(&pty, "focus on the detail's links", |s| s.contains("link "));

    pty.send(keys::ALT_RIGHT);
    wait_crumbs(&pty, "forward again to the followed link", |c| c == followed);
    pty.send(keys::BACKSPACE);
    wait_crumbs(&pty, "back at Dr. Dre again", |c| c == "Dr. Dre");

    pty.send("?");
    pty.wait_for_text("Help — keys");
    wait_status(&pty, "the help's hints", |s| s.contains("close"));
    pty.send("?");
    pty.wait_for("the help closed", |s| !s.contains("Help — keys"));
    wait_status(&pty, "the detail's status again", |s| s.contains("link "));

    quit_and_check(pty, true);
}

/// `--open KIND:ID` starts on that record's detail.
#[test]
fn open_flag_starts_on_the_record() {
    let mut pty = start(&["--open", "person:jimmy-iovine"]);
    assert_eq!(crumbs(&pty), "Jimmy Iovine");
    let screen = pty.screen();
    assert!(screen.contains("person:jimmy-iovine"), "{screen}");
    assert!(pty.row(2).starts_with("┌ People (81)"), "the People pane is current: {screen}");
    wait_status(&pty, "focus on the detail's links", |s| s.contains("link 1/"));

    // Esc alone (nothing follows it, so it is not the start of a sequence) closes the help,
    // then takes the focus from the detail back to the list.
    pty.send("?");
    pty.wait_for_text("Help — keys");
    pty.send(keys::ESC);
    pty.wait_for("the help closed by Esc", |s| !s.contains("Help — keys"));
    assert_eq!(crumbs(&pty), "Jimmy Iovine");
    pty.send(keys::ESC);
    // Focus back on the list: the status bar shows a list position instead of a link.
    wait_status(&pty, "the list position after Esc", |s| s.ends_with("/81") && !s.contains("link"));
    quit_and_check(pty, true);
}

/// T09: the Ctrl-C key (raw mode makes it a key, not SIGINT) quits cleanly with 0.
#[test]
fn ctrl_c_key_quits_and_restores() {
    let mut pty = start(&[]);
    pty.send(keys::CTRL_C);
    pty.expect_exit(0);
    assert_restored(&pty, true);
    assert_termios_restored(&pty);
}

/// T10 (keystroke half) and #13: Ctrl-Z in raw mode is a key; the app gives the terminal
/// back (cooked, main screen, no mouse), stops as a job does, and on SIGCONT (`fg`) takes
/// the terminal again and redraws where it was.
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_comes_back() {
    let mut pty = Pty::spawn(Spawn { job: true, ..Spawn::default() });
    pty.wait_for_row(STATUS, "the first frame", |row| row.trim_end().ends_with("1/10"));
    pty.send("1");
    pty.wait_for_row(STATUS, "the Episodes list", |row| row.trim_end().ends_with("1/4"));
    pty.send("j");
    wait_status(&pty, "the second row", |s| s.ends_with("2/4"));
    pty.send(keys::CTRL_Z);
    pty.wait_until("the app stopped", |p| p.proc_state() == Some('T'));
    assert!(pty.termios().local_flags.contains(LocalFlags::ICANON), "cooked mode while stopped");
    let bytes = pty.bytes();
    let (left, entered) = (rfind(&bytes, b"\x1b[?1049l"), rfind(&bytes, b"\x1b[?1049h"));
    assert!(left > entered, "the alternate screen was left before stopping");
    let _ = nix::sys::signal::kill(pty.pid(), Signal::SIGCONT);
    pty.wait_until("the browser again", |p| rfind(&p.bytes(), b"\x1b[?1049h") > left);
    pty.send("j");
    wait_status(&pty, "the app handles keys after fg, where it was", |s| s.ends_with("3/4"));
    quit_and_check(pty, true);
}

/// #13 in the real binary: `:quit` through the palette, help's filter running an action,
/// and `o` with no display saying so instead of starting anything.
#[test]
fn palette_help_and_open_in_a_real_terminal() {
    let mut pty = start(&["--open", "person:dr-dre"]);
    wait_crumbs(&pty, "Dr. Dre's page", |c| c.contains("Dr. Dre"));
    pty.send("o");
    wait_status(&pty, "no opener", |s| s.contains("no browser here") && s.contains("copied the URL instead"));
    assert!(!pty.term_events().clipboard_writes.is_empty(), "the URL was copied instead");
    pty.send("?");
    pty.wait_for_text("Filter: type to filter");
    pty.send("next pane");
    pty.wait_for_text("Filter: next pane");
    pty.send(keys::ENTER);
    pty.wait_for_text("┌ Footage (");
    pty.send(":");
    pty.wait_for_text("Commands and records");
    pty.send("quit");
    pty.wait_for_text(":quit");
    pty.send(keys::ENTER);
    pty.expect_exit(0);
    assert_restored(&pty, true);
}

/// T07/T08: a termination signal restores the terminal and exits 128+n.
fn signal_restores(sig: Signal, code: u32) {
    let mut pty = start(&[]);
    // The signal thread is set up before the first frame, so the signal is handled.
    pty.signal(sig);
    pty.expect_exit(code);
    assert_restored(&pty, true);
    assert_termios_restored(&pty);
}

#[test]
fn sigterm_restores_and_exits_143() {
    signal_restores(Signal::SIGTERM, 143);
}

#[test]
fn sighup_restores_and_exits_129() {
    signal_restores(Signal::SIGHUP, 129);
}

#[test]
fn sigint_restores_and_exits_130() {
    signal_restores(Signal::SIGINT, 130);
}

#[test]
fn sigquit_restores_and_exits_131() {
    signal_restores(Signal::SIGQUIT, 131);
}

/// T06: a panic inside a draw exits 101, and the terminal is restored *before* the panic
/// message is printed, so the message lands on the normal screen.
#[test]
fn panic_mid_frame_restores_before_the_message() {
    let mut pty = Pty::spawn(Spawn { env: &[("DEFIANT_TEST_PANIC", "draw")], ..Spawn::default() });
    pty.expect_exit(101);
    let bytes = pty.bytes();
    let message = find(&bytes, b"test-triggered panic")
        .unwrap_or_else(|| panic!("no panic message in the output: {}", show(&bytes)));
    let entered = find(&bytes, seq::ENTER_ALT).expect("entered the alternate screen before drawing");
    let left =
        find(&bytes, seq::LEAVE_ALT).unwrap_or_else(|| panic!("never left the alternate screen: {}", show(&bytes)));
    assert!(entered < left && left < message, "leave-alt-screen must precede the panic message: {}", show(&bytes));
    let shown = find(&bytes[entered..], seq::SHOW_CURSOR).map(|i| i + entered);
    assert!(shown.is_some_and(|i| i < message), "show-cursor must precede the panic message: {}", show(&bytes));
    assert_restored(&pty, true);
    assert_termios_restored(&pty);
    // The message is readable on the normal screen.
    assert!(pty.screen().contains("test-triggered panic"), "{}", pty.screen());
}

/// The pty's termios: cooked before, raw while the browser runs (so the probe really sees
/// the child's settings), and exactly as before after a normal quit.
#[test]
fn termios_is_raw_while_running_and_restored_after() {
    let mut pty = start(&[]);
    let wanted = LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG;
    let before = pty.termios_before().clone();
    assert!(before.local_flags.contains(wanted), "fresh pty is cooked: {:?}", before.local_flags);
    let running = pty.termios().local_flags;
    assert!(!running.intersects(wanted), "raw mode clears ICANON, ECHO and ISIG: {running:?}");

    pty.send("q");
    pty.expect_exit(0);
    let after = pty.termios();
    assert!(after.local_flags.contains(wanted), "after exit: {:?}", after.local_flags);
    assert_eq!(after.local_flags, before.local_flags, "local flags as before");
    assert_eq!(after.input_flags, before.input_flags, "input flags as before");
    assert_eq!(after.output_flags, before.output_flags, "output flags as before");
}

/// Control for the harness itself: SIGKILL cannot be handled, so nothing is restored; the
/// checks used by the other tests must see that (otherwise they would prove nothing).
#[test]
fn harness_detects_an_unrestored_terminal() {
    let mut pty = start(&[]);
    pty.signal(Signal::SIGKILL);
    let status = pty.wait_exit();
    assert!(status.signal().is_some(), "killed by a signal: {status:?}");
    let raw = pty.termios().local_flags;
    assert!(!raw.contains(LocalFlags::ICANON), "termios after SIGKILL is still raw: {raw:?}");
    let bytes = pty.bytes();
    let start = rfind(&bytes, seq::ENTER_ALT).expect("entered the alternate screen");
    assert!(!contains(&bytes[start..], seq::LEAVE_ALT), "no restore after SIGKILL");
    let restored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_restored(&pty, true)));
    assert!(restored.is_err(), "assert_restored must fail when nothing was restored");
}

/// T04/T05 through a real pty: shrink, go below the minimum size, grow again; the screen
/// follows every size, nothing crashes, and `q` still quits with 0.
#[test]
fn resize_small_too_small_and_back() {
    let mut pty = start_on_episodes(&[]);

    pty.resize(60, 20);
    // Narrow: one block, full width, status bar on the new last row.
    pty.wait_until("the 60×20 layout is drawn", |p| {
        p.row(2).starts_with("┌ Episodes (4)") && p.row(2).chars().count() == 60 && p.row(19).ends_with("1/4")
    });

    pty.resize(30, 8);
    let small = pty.wait_for_text("Terminal too small");
    assert!(small.contains("30×8, need 40×10"), "{small}");

    pty.resize(120, 40);
    pty.wait_until("the 120×40 layout is drawn", |p| {
        let screen = p.screen();
        !screen.contains("Terminal too small")
            && p.row(TABS).contains("1 Episodes")
            && p.row(2).chars().count() == 120
            && p.row(2).ends_with('┐')
            && p.row(39).ends_with("1/4")
    });
    // Still responsive at the new size.
    pty.send("j");
    pty.wait_for_row(39, "position 2/4", |s| s.ends_with("2/4"));
    quit_and_check(pty, true);
}

/// T05 (pty half): a burst of resizes, tiny ones included, then one final size: no crash,
/// and the last frame is a normal one at that size.
#[test]
fn resize_storm_ends_on_a_correct_frame() {
    let mut pty = start_on_episodes(&[]);
    let sizes = [(1, 1), (2, 2), (12, 12), (500, 200), (40, 10), (39, 9), (80, 1), (1, 50), (81, 24)];
    for round in 0..12u16 {
        for &(cols, rows) in &sizes {
            pty.resize(cols + round % 3, rows);
        }
    }
    pty.resize(90, 25);
    pty.wait_until("the final 90×25 frame is drawn", |p| {
        let screen = p.screen();
        !screen.contains("Terminal too small")
            && p.row(TABS).contains("1 Episodes")
            && p.row(2).chars().count() == 90
            && p.row(2).ends_with('┐')
            && p.row(24).ends_with("1/4")
    });
    quit_and_check(pty, true);
}

/// `--no-mouse`: mouse reporting is never switched on.
#[test]
fn no_mouse_never_enables_mouse_reporting() {
    let mut pty = start_on_episodes(&["--no-mouse"]);
    pty.send("j");
    wait_status(&pty, "position 2/4", |s| s.ends_with("2/4"));
    pty.send("q");
    pty.expect_exit(0);
    let bytes = pty.bytes();
    for (on, _) in seq::MOUSE_MODES {
        assert!(!contains(&bytes, on), "--no-mouse but {} was sent", show(on));
    }
    assert_restored(&pty, false);
    assert_termios_restored(&pty);
}

/// T01/T03: no terminal at all (stdin /dev/null, stdout and stderr pipes): exit 2 with a
/// message, and not one escape byte.
#[test]
fn without_a_terminal_exits_2_and_writes_no_escapes() {
    let run = run_with_stdio(OnTty { stdin: false, stdout: false });
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("needs a terminal"), "stderr: {stderr}");
    assert!(!run.stdout.contains(&0x1b), "escape bytes on stdout: {}", show(&run.stdout));
    assert!(!run.stderr.contains(&0x1b), "escape bytes on stderr: {}", show(&run.stderr));
}

/// T01 (`defiant | cat`): stdin is a terminal but stdout a pipe. Exit 2, nothing on stdout,
/// and the terminal is left untouched (nothing written to it, termios unchanged).
#[test]
fn stdout_piped_exits_2_and_leaves_the_terminal_alone() {
    let run = run_with_stdio(OnTty { stdin: true, stdout: false });
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("needs a terminal") && stderr.contains("standard output"), "stderr: {stderr}");
    assert!(run.stdout.is_empty(), "stdout: {}", show(&run.stdout));
    assert!(run.pty_bytes.is_empty(), "wrote to the terminal: {}", show(&run.pty_bytes));
    assert_eq!(run.termios_after.local_flags, run.termios_before.local_flags);
}

/// T02 (`echo x | defiant`): stdout is a terminal but stdin is not. Exit 2 with a message
/// on stderr, and no escape sequence reaches the terminal.
#[test]
fn stdin_not_a_terminal_exits_2_and_writes_no_escapes() {
    let run = run_with_stdio(OnTty { stdin: false, stdout: true });
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("needs a terminal") && stderr.contains("standard input"), "stderr: {stderr}");
    assert!(!run.pty_bytes.contains(&0x1b), "escape bytes on the terminal: {}", show(&run.pty_bytes));
    assert_eq!(run.termios_after.local_flags, run.termios_before.local_flags);
}

/// T10 (signal half): `kill -TSTP` to the browser running as a shell job must not leave it
/// stopped with the terminal in raw mode; it is ignored (as the Ctrl-Z key is).
#[test]
fn sigtstp_does_not_stop_the_browser_in_raw_mode() {
    let mut pty = Pty::spawn(Spawn { job: true, ..Spawn::default() });
    pty.wait_for_text("Who speaks");
    pty.send("1");
    pty.wait_for_row(STATUS, "the Episodes list", |row| row.trim_end().ends_with("1/4"));
    pty.signal(Signal::SIGTSTP);
    pty.send("j");
    pty.wait_until("the app handles keys after SIGTSTP", |p| {
        if p.proc_state() == Some('T') {
            let raw = !p.termios().local_flags.contains(LocalFlags::ICANON);
            let _ = nix::sys::signal::kill(p.pid(), Signal::SIGCONT);
            p.fail(&format!("SIGTSTP stopped the process (terminal left raw: {raw})"));
        }
        p.row(STATUS).trim().ends_with("2/4")
    });
    quit_and_check(pty, true);
}

/// A snapshot damaged where the browser does not check before its first frame (the text):
/// the frame comes, the check that runs after it finds the damage, says so in the status
/// bar and removes the snapshot for the next start to rebuild.
#[test]
fn the_browser_reports_a_snapshot_found_damaged_after_the_first_frame() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (data, cache) = (dir.path().join("data.json"), dir.path().join("cache"));
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/all-fields.json");
    std::fs::copy(fixture, &data).expect("copy the fixture");
    // A snapshot is only made of a file that has not changed for a second (`snapshot::RACY`).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (data, cache) = (data.to_string_lossy().into_owned(), cache.to_string_lossy().into_owned());
    let args = ["--data", data.as_str(), "--cache", cache.as_str()];
    let mut pty = start(&args);
    pty.send("q");
    pty.expect_exit(0);
    let snap = std::fs::read_dir(&cache)
        .expect("the cache")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "snap"));
    let snap = snap.expect("the first run made a snapshot");
    let mut bytes = std::fs::read(&snap).expect("read it");
    let at = find(&bytes, b"Trust is earned").expect("the text is in the snapshot");
    bytes[at] = b'C';
    std::fs::write(&snap, bytes).expect("damage it");
    let mut pty = start(&args);
    pty.wait_for_row(STATUS, "the damage reported", |row| row.contains("snapshot was damaged"));
    assert!(!snap.exists(), "removed");
    pty.send("q");
    pty.expect_exit(0);
}
