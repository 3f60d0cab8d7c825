//! Search in the browser, through keys: `/` filters a pane, `s` searches everything,
//! Enter opens, Esc restores, n/N step through results, highlights reach the detail.

mod common;

use common::{app, bundled, press, screen};
use defiant::app::{Context, Focus, Pane};
use defiant::data::Kind;
use defiant::present::Tone;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Type text into the open search, one key at a time; true if anything asked to quit.
fn typed(app: &mut defiant::app::App, text: &str) -> bool {
    let mut quit = false;
    for c in text.chars() {
        quit |= if c == ' ' {
            common::send(app, defiant::app::Action::InsertChar(' ')).quit
        } else {
            press(app, &c.to_string()).quit
        };
    }
    quit
}

#[test]
fn slash_filters_the_focused_pane_and_escape_restores_the_view() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 j j");
    let before = (app.pane(), app.cursor(Pane::People), app.focus());
    press(&mut app, "/");
    assert_eq!(app.context(), Context::Filter);
    // A pane filter has no kind facets: Tab is not bound there, and no hint offers it.
    assert_eq!(app.action_for(KeyEvent::from(KeyCode::Tab)), None);
    assert!(defiant::app::Keymap::default().hints(Context::Filter).iter().all(|(keys, _)| keys != "Tab"));
    assert!(
        defiant::app::Keymap::default()
            .hints(Context::Search)
            .iter()
            .any(|(keys, hint)| keys == "Tab" && *hint == "kind")
    );
    assert_eq!(
        app.search().map(|s| s.shown.len()),
        Some(app.data().count(Kind::Person)),
        "empty filter shows the pane"
    );
    typed(&mut app, "hughes");
    let search = app.search().expect("open");
    assert!(search.done);
    assert!(search.shown.len() >= 2);
    let first = search.selected().expect("a result");
    assert_eq!(app.data().deep_link(first), "person:allen-hughes");
    assert!(search.rows.iter().all(|r| r.record.kind == Kind::Person), "a pane filter stays in its pane");
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::List);
    assert_eq!((app.pane(), app.cursor(Pane::People), app.focus()), before, "Esc puts everything back");
}

#[test]
fn global_search_counts_kinds_and_the_facet_narrows() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "chronic");
    let search = app.search().expect("open");
    let total = search.shown.len();
    assert!(total > 3);
    assert_eq!(search.counts.iter().sum::<usize>(), total);
    press(&mut app, "<tab>");
    let search = app.search().expect("open");
    assert_eq!(search.facet, Some(Kind::Episode));
    assert_eq!(search.shown.len(), search.counts[Kind::Episode as usize]);
    press(&mut app, "<s-tab> <s-tab>");
    assert_eq!(app.search().and_then(|s| s.facet), Some(Kind::Event), "events come last among the kinds");
    press(&mut app, "<s-tab>");
    assert_eq!(app.search().and_then(|s| s.facet), Some(Kind::Source));
    let text = screen(&app);
    assert!(text.contains("search: chronic"), "{text}");
    assert!(text.contains(" All "), "chips show counts per kind");
}

#[test]
fn typing_editing_and_the_exact_toggle() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "levtator");
    let fuzzy = app.search().map(|s| s.shown.len()).unwrap_or(0);
    assert!(fuzzy > 0, "fuzzy finds the typo");
    press(&mut app, "<c-x>");
    assert_eq!(app.search().map(|s| (s.exact, s.shown.len())), Some((true, 0)));
    press(&mut app, "<c-x> <left> <left> <left> <left> <left>");
    typed(&mut app, "i");
    assert_eq!(app.search().map(|s| s.input()), Some("levitator"));
    press(&mut app, "<bs> <home>");
    assert_eq!(app.search().map(|s| (s.input(), s.cursor())), Some(("levtator", 0)));
    press(&mut app, "<end> <c-u>");
    assert_eq!(app.search().map(|s| s.shown.len()), Some(0), "cleared global search shows nothing");
    let quit = typed(&mut app, "jk q");
    assert_eq!(app.search().map(|s| s.input()), Some("jk q"), "letters go to the query, not to commands");
    assert!(!quit, "q in a query does not quit");
}

#[test]
fn enter_opens_and_n_steps_through_the_results() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    // People open as pages (quotes open in the reader; see tests/reader.rs).
    typed(&mut app, "person: o");
    let results: Vec<_> =
        app.search().map(|s| s.shown.iter().map(|&i| s.hits[i as usize].record).collect()).unwrap_or_default();
    assert!(results.len() > 3);
    press(&mut app, "<down> <enter>");
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.history().current().map(|v| v.record), Some(results[1]));
    press(&mut app, "n");
    assert_eq!(app.history().current().map(|v| v.record), Some(results[2]));
    press(&mut app, "N N");
    assert_eq!(app.history().current().map(|v| v.record), Some(results[0]));
    press(&mut app, "N");
    assert_eq!(app.history().current().map(|v| v.record), Some(*results.last().expect("some")), "wraps around");
    press(&mut app, "<bs>");
    assert_eq!(app.history().current().map(|v| v.record), Some(results[0]), "each opened result is a history entry");
}

#[test]
fn matches_are_highlighted_in_the_detail_too() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "'levitator");
    // The top result is a quote: it opens in the reader; Enter there shows its page.
    press(&mut app, "<enter>");
    assert!(app.reader().is_some());
    press(&mut app, "<enter>");
    let doc = app.doc().expect("detail");
    let matched: String = doc
        .lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|(t, _)| *t == Tone::Match)
        .map(|(_, s)| s.as_str())
        .collect();
    assert!(matched.to_lowercase().contains("levitator"), "highlighted: {matched:?}");
}

#[test]
fn n_without_a_search_explains_itself() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "n");
    assert_eq!(app.status(), Some("No search yet: press / or s"));
}
