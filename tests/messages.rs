//! What `update` does with messages that are not the user's: they never clear the status
//! line, and an ignored one rebuilds nothing.

mod common;

use std::sync::Arc;

use common::{app, bundled, press, send};
use defiant::app::{Effect, Internal};

#[test]
fn internal_messages_leave_the_status_for_the_user_to_read() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "<bs>");
    assert_eq!(app.status(), Some("Nothing to go back to"));
    send(&mut app, Internal::Resized { width: 100, height: 30 });
    send(&mut app, Internal::Scrolled { column: 5, row: 5, lines: 1 });
    send(&mut app, Internal::Clicked { column: 90, row: 20 });
    send(&mut app, Internal::SearchFinished { generation: 99, hits: Arc::new(Vec::new()), done: true });
    assert_eq!(app.status(), Some("Nothing to go back to"), "none of those was the user's");
    press(&mut app, "j");
    assert_eq!(app.status(), None, "the next key clears it");
}

#[test]
fn a_stale_search_result_rebuilds_nothing() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s d r e");
    let search = app.search().expect("open");
    let (rows, generation) = (search.rows.as_ptr(), search.generation);
    assert!(!search.rows.is_empty());
    let doc = app.doc().expect("the selected result is shown").lines.as_ptr();
    let effects =
        send(&mut app, Internal::SearchFinished { generation: generation - 1, hits: Arc::default(), done: true });
    assert!(effects.copied.is_empty() && !effects.quit);
    let search = app.search().expect("still open");
    assert_eq!(search.rows.as_ptr(), rows, "the visible rows were not re-highlighted");
    assert_eq!(app.doc().map(|d| d.lines.as_ptr()), Some(doc), "the detail was not laid out again");
    // A new result for the newest query does rebuild them.
    let hits = Arc::new(app.index().search(search.query()));
    send(&mut app, Internal::SearchFinished { generation, hits, done: true });
    assert_ne!(app.search().map(|s| s.rows.as_ptr()), Some(rows));
}

#[test]
fn typing_asks_for_a_search_and_the_newest_generation_wins() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    let first = app.update(defiant::app::Action::InsertChar('d'));
    let second = app.update(defiant::app::Action::InsertChar('r'));
    let generation = |effects: &defiant::app::Effects| {
        effects.iter().find_map(|e| match e {
            Effect::Search { generation, .. } => Some(*generation),
            _ => None,
        })
    };
    let (first, second) = (generation(&first), generation(&second));
    assert!(first.is_some() && second > first, "{first:?} {second:?}");
    assert_eq!(app.search().map(|s| s.done), Some(false), "searching… until the result arrives");
}

#[test]
fn quitting_and_copying_are_effects() {
    let mut app = app(bundled(), 120, 40);
    assert!(press(&mut app, "q").quit);
    let mut app = common::app(bundled(), 120, 40);
    let ran = press(&mut app, "5 <enter> y y");
    assert_eq!(ran.copied.len(), 1);
    assert!(ran.copied[0].starts_with("> "), "{}", ran.copied[0]);
}

/// R16 in-process: a paste is one edit and one search, with line breaks as spaces, control
/// characters dropped and its length capped; outside a prompt it does nothing.
#[test]
fn r16_a_paste_is_one_edit() {
    use defiant::app::search::MAX_PASTE_CHARS;
    let mut app = app(bundled(), 120, 40);
    let before = app.pane();
    send(&mut app, Internal::Pasted("dre".into()));
    assert!(app.search().is_none() && app.pane() == before, "a paste in the list does nothing");
    press(&mut app, "s");
    let effects = app.update(Internal::Pasted("jimmy\r\niovine\t\u{1b}[2J\u{7}".into()));
    let searches = effects.iter().filter(|e| matches!(e, Effect::Search { .. })).count();
    assert_eq!(searches, 1, "one search for the whole paste");
    let search = app.search().expect("open");
    assert_eq!(search.input(), "jimmy iovine [2J");
    assert_eq!(search.cursor(), "jimmy iovine [2J".chars().count());
    send(&mut app, Internal::Pasted("x".repeat(5_000)));
    assert_eq!(app.search().map(|s| s.input().chars().count()), Some(16 + MAX_PASTE_CHARS));
}

/// Ctrl-Z suspends from every layer (the run loop hands the terminal back and stops).
#[test]
fn ctrl_z_asks_to_suspend_from_every_layer() {
    for script in ["", "<enter>", "?", "s", "/", "5 <enter>"] {
        let mut app = app(bundled(), 120, 40);
        press(&mut app, script);
        assert!(press(&mut app, "<c-z>").suspended, "after {script:?}");
    }
}
