//! Hardening round two (issue #15), the terminal side: R04 a burst of input, R05 a huge
//! window, R14 every terminating signal, R15 a page with a million links, R16 bracketed
//! paste, R17 emoji the terminals draw differently. The real binary runs in a
//! pseudo-terminal (see `pty_support`); in-process checks use the same app and view.

#![cfg(unix)]

mod common;
#[path = "../examples/synth/generate.rs"]
#[allow(dead_code)]
mod generate;
mod pty_support;

use pty_support::{Pty, assert_restored, assert_termios_restored};

/// A synthetic dataset of `records` records in a temp dir (kept alive by the returned guard).
fn synthetic(records: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("synthetic.json");
    std::fs::write(&path, generate::dataset_bytes(records, 7)).expect("write the dataset");
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}

fn status_row(pty: &Pty) -> u16 {
    pty.with_screen(|s| s.size().0.get()) - 1
}

/// The status bar of the first frame: the Overview's chart at its first bar (`1/10`).
fn first_frame(row: &str) -> bool {
    row.trim_end().rsplit(' ').next().is_some_and(|p| p.starts_with("1/"))
}

/// R04: 2000 `j` in one write (a held key, an unbracketed paste) move 2000 rows, without
/// waiting for another key to deliver the rest.
#[test]
fn r04_a_burst_of_input_over_1024_bytes_is_handled_at_once() {
    let (_dir, path) = synthetic(6_000);
    let mut pty = Pty::start(&["--data", &path]);
    let status = status_row(&pty);
    let first = pty.wait_for_row(status, "the first frame", first_frame);
    let first = first.trim_end().rsplit(' ').next().unwrap_or_default().to_string();
    pty.send("5");
    let quotes = pty.wait_for_row(status, "the Quotes pane", |row| {
        row.trim_end().rsplit(' ').next().is_some_and(|p| p.starts_with("1/") && p != first)
    });
    let total: usize = quotes.trim_end().rsplit('/').next().and_then(|n| n.parse().ok()).expect("N in 1/N");
    assert!(total > 2_001, "the fixture needs more than 2001 quotes, has {total}");
    pty.send(&"j".repeat(2_000));
    pty.wait_for_row(status, "2001 after 2000 j in one write", |row| {
        row.trim_end().ends_with(&format!("2001/{total}"))
    });
    pty.send("q");
    pty.expect_exit(0);
    assert_restored(&pty, true);
    assert_termios_restored(&pty);
}

/// R05: a 65535×65535 window (`stty rows 65535 cols 65535`) aborted on a 206 GB frame
/// buffer and left the terminal raw. Now what is drawn is capped, the app says the window
/// is too large, and it comes back when the window shrinks.
#[test]
fn r05_a_huge_window_is_refused_politely_and_survived() {
    let mut pty = Pty::start(&[]);
    pty.wait_for_row(29, "the first frame", first_frame);
    pty.resize_pty_only(65_535, 65_535);
    pty.wait_for_row(0, "the notice", |row| row.contains("Terminal too large"));
    assert!(pty.row(1).contains("65535×65535, at most 1000×400"), "{}", pty.screen());
    pty.resize(100, 30);
    pty.wait_for_row(29, "the browser again", |row| row.trim_end().ends_with("1/10"));
    pty.send("q");
    pty.expect_exit(0);
    assert_restored(&pty, true);
    assert_termios_restored(&pty);
}

/// R05 in-process: the largest frame the loop allocates is the drawable area.
#[test]
fn r05_nothing_larger_than_the_cap_is_drawn() {
    use defiant::app::layout::{self, Fit};
    use ratatui::layout::Rect;
    let huge = Rect::new(0, 0, u16::MAX, u16::MAX);
    assert_eq!(layout::fit(huge), Fit::TooLarge);
    let drawn = layout::drawable(huge);
    assert_eq!((drawn.width, drawn.height), (layout::MAX_WIDTH, layout::MAX_HEIGHT));
    assert_eq!(layout::fit(Rect::new(0, 0, 1000, 400)), Fit::Fits);
    assert_eq!(layout::fit(Rect::new(0, 0, 1001, 30)), Fit::TooLarge);
}

/// R14: every signal whose default action ends the process restores the terminal and exits
/// 128+n (TERM, HUP, INT and QUIT are covered in tests/pty.rs since T07/T08).
#[test]
fn r14_every_terminating_signal_restores_the_terminal() {
    use nix::sys::signal::Signal;
    let signals = [
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGALRM,
        Signal::SIGXCPU,
        Signal::SIGXFSZ,
        Signal::SIGVTALRM,
        Signal::SIGPROF,
        Signal::SIGSYS,
        Signal::SIGTRAP,
        Signal::SIGIO,
        Signal::SIGPWR,
        Signal::SIGSTKFLT,
    ];
    for signal in signals {
        let mut pty = Pty::start(&[]);
        pty.wait_for_row(29, "the first frame", first_frame);
        pty.signal(signal);
        pty.expect_exit(128 + signal as u32);
        assert_restored(&pty, true);
        assert_termios_restored(&pty);
    }
}

/// R16: bracketed paste reaches the search prompt, as one edit, cleaned (the mode was
/// switched on but pasted text was dropped).
#[test]
fn r16_a_paste_goes_into_the_search_prompt() {
    let mut pty = Pty::start(&[]);
    pty.wait_for_row(29, "the first frame", first_frame);
    pty.send("s");
    pty.wait_for_row(1, "the prompt", |row| row.contains("search:"));
    pty.send("\x1b[200~jimmy\r\niovine\x07\x1b[201~");
    pty.wait_for_row(1, "the pasted text", |row| row.trim_end().ends_with("search: jimmy iovine"));
    pty.wait_for_row(3, "the best result", |row| row.contains("Jimmy Iovine"));
    pty.send("\x1b");
    pty.wait_for_row(29, "the browser again", |row| row.trim_end().ends_with("1/10"));
    pty.send("q");
    pty.expect_exit(0);
    assert_restored(&pty, true);
}

/// A dataset in which source `src-a` is cited by `quotes` quotes (the minimal fixture's
/// first quote, copied).
fn one_source_cited_by(quotes: usize) -> std::sync::Arc<defiant::data::Dataset<'static>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("minimal fixture")).expect("minimal is JSON");
    let template = value["quotes"][0].clone();
    let copies: Vec<serde_json::Value> = (0..quotes)
        .map(|i| {
            let mut quote = template.clone();
            quote["id"] = serde_json::Value::String(format!("c{i}"));
            quote
        })
        .collect();
    value["quotes"] = serde_json::Value::Array(copies);
    let bytes = serde_json::to_vec(&value).expect("serialise").leak();
    let loaded = defiant::data::load::from_bytes("cited.json", bytes).expect("a valid dataset");
    std::sync::Arc::new(loaded.dataset)
}

/// R15: a source cited by 200 000 quotes opens at once: its page lays out the prose and
/// only counts the links (a million of them took 2.5 s); link lines are made for the
/// screen, and moving to the last link and following it still works.
#[test]
fn r15_a_page_with_many_links_is_laid_out_by_count() {
    let data = one_source_cited_by(200_000);
    let mut app = common::app(data, 120, 40);
    let source = app.data().find(defiant::data::Kind::Source, "src-a").expect("src-a");
    let _ = app.open(source);
    let doc = app.doc().expect("the source's page");
    assert!(doc.links.len() > 200_000, "every citing quote is a link");
    assert!(doc.lines.len() < 40, "only the prose is laid out: {} lines", doc.lines.len());
    assert!(doc.len() > 200_000);
    let screen = common::screen(&app);
    assert!(screen.contains("Cited by quotes (200000)"), "{screen}");
    assert!(screen.contains("› Trust is earned"), "link lines are drawn: {screen}");
    common::press(&mut app, "G");
    let last = app.history().current().map(|v| v.link);
    assert_eq!(last, Some(doc_links(&app) - 1));
    let n = doc_links(&app);
    assert!(common::screen(&app).contains(&format!("link {n}/{n}")));
}

fn doc_links(app: &defiant::app::App) -> usize {
    app.doc().map_or(0, |d| d.links.len())
}
