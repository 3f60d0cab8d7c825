//! Issue #11, the browser side: results you can come back to, the prompt as a line editor
//! with this run's query history, facets that skip empty kinds, and empty states that say
//! why.

mod common;

use common::{app, bundled, press, screen};
use defiant::app::{Context, Focus, Pane};
use defiant::data::Kind;

fn typed(app: &mut defiant::app::App, text: &str) {
    common::type_text(app, text);
}

#[test]
fn esc_from_an_opened_result_returns_to_the_results_and_a_second_esc_restores_the_view() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 j j");
    let before = (app.pane(), app.cursor(Pane::People), app.focus());
    press(&mut app, "s");
    typed(&mut app, "iovine");
    press(&mut app, "<tab> <tab> <tab>"); // People
    let facet = app.search().and_then(|s| s.facet);
    press(&mut app, "<down>");
    let (row, record) = app.search().map(|s| (s.list.selected, s.selected())).expect("open");
    assert!(record.is_some_and(|r| r.kind != Kind::Quote), "{record:?} {facet:?}");
    press(&mut app, "<enter>");
    assert!(app.search().is_none(), "{:?}", app.status());
    assert_eq!(app.history().current().map(|v| v.record), record);
    press(&mut app, "<esc>");
    let search = app.search().expect("Esc comes back to the results");
    assert_eq!((search.input(), search.facet, search.list.selected), ("iovine", facet, row));
    press(&mut app, "<esc>");
    assert!(app.search().is_none());
    assert_eq!((app.pane(), app.cursor(Pane::People), app.focus()), before, "the view from before the search");
    assert!(app.history().trail().is_empty() || app.focus() == Focus::List);
}

#[test]
fn a_pane_filter_of_quotes_comes_back_from_the_reader_with_the_quote_found() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "5 j j j");
    let before = app.cursor(Pane::Quotes);
    press(&mut app, "/");
    typed(&mut app, "music");
    press(&mut app, "<down>");
    let found = app.search().and_then(|s| s.selected()).expect("a quote");
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::Reader);
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::Filter, "back in the filter, not the pane");
    assert_eq!(app.search().and_then(|s| s.selected()), Some(found));
    press(&mut app, "<esc>");
    assert_eq!((app.pane(), app.cursor(Pane::Quotes)), (Pane::Quotes, before));
    press(&mut app, "/");
    let search = app.search().expect("the filter again");
    assert_eq!((search.input(), search.text_selected()), ("music", true), "its query brought back, selected");
}

#[test]
fn s_after_a_closed_search_brings_the_query_back_selected() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "dre");
    press(&mut app, "<esc> s");
    let search = app.search().expect("open");
    assert_eq!((search.input(), search.text_selected()), ("dre", true));
    assert!(!search.shown.is_empty(), "its results are shown at once");
    let terminal = common::terminal(&app, &defiant::ui::Palette::colour());
    let cell = &terminal.backend().buffer()[(9, 1)];
    assert_eq!(cell.symbol(), "d");
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED), "the brought-back query is shown selected");
    typed(&mut app, "b");
    assert_eq!(app.search().map(|s| s.input()), Some("b"), "typing replaces the selected query");
    press(&mut app, "<esc> s <end>");
    typed(&mut app, "o");
    assert_eq!(app.search().map(|s| s.input()), Some("bo"), "a cursor move keeps it");
}

#[test]
fn the_prompt_edits_like_readline() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "jimmy iovine beats");
    press(&mut app, "<c-w>");
    assert_eq!(app.search().map(|s| s.input()), Some("jimmy iovine "));
    press(&mut app, "<a-b> <a-b>");
    assert_eq!(app.search().map(|s| s.cursor()), Some(0));
    press(&mut app, "<a-f>");
    typed(&mut app, "!");
    assert_eq!(app.search().map(|s| s.input()), Some("jimmy! iovine "));
    press(&mut app, "<c-a> <c-k>");
    assert_eq!(app.search().map(|s| s.input()), Some(""));
    typed(&mut app, "dr dre");
    press(&mut app, "<a-bs>");
    assert_eq!(app.search().map(|s| s.input()), Some("dr "));
    press(&mut app, "<c-e> <c-u>");
    assert_eq!(app.search().map(|s| s.input()), Some(""));
    // The exact toggle moved off Ctrl-e (readline's end of line).
    press(&mut app, "<c-x>");
    assert!(app.search().is_some_and(|s| s.exact));
}

#[test]
fn alt_up_and_down_walk_this_runs_queries() {
    let mut app = app(bundled(), 120, 40);
    for query in ["dre", "iovine", "beats"] {
        press(&mut app, "s <c-u>");
        typed(&mut app, query);
        press(&mut app, "<esc>");
    }
    press(&mut app, "s <c-u> <a-up>");
    assert_eq!(app.search().map(|s| s.input()), Some("beats"));
    press(&mut app, "<a-up> <a-up>");
    assert_eq!(app.search().map(|s| s.input()), Some("dre"));
    press(&mut app, "<a-down>");
    assert_eq!(app.search().map(|s| s.input()), Some("iovine"));
    press(&mut app, "<up> <down>");
    assert_eq!(app.search().map(|s| s.input()), Some("iovine"), "↑/↓ still move the selection");
}

#[test]
fn tab_skips_kinds_without_hits_and_the_chips_never_reflow() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "levitator");
    let counts = app.search().map(|s| s.counts).expect("open");
    let with_hits: Vec<Kind> = Kind::ALL.into_iter().filter(|&k| counts[k as usize] > 0).collect();
    assert!(with_hits.len() < Kind::ALL.len(), "a query with some empty kinds: {counts:?}");
    for &kind in &with_hits {
        press(&mut app, "<tab>");
        assert_eq!(app.search().and_then(|s| s.facet), Some(kind));
    }
    press(&mut app, "<tab>");
    assert_eq!(app.search().and_then(|s| s.facet), None, "back to all");
    let chips = screen(&app).lines().next().unwrap_or_default().to_string();
    for kind in Kind::ALL {
        assert!(chips.contains(kind.plural()), "{chips}");
    }
}

#[test]
fn empty_states_say_why() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "zqxjzqxj");
    assert!(screen(&app).contains("No matches."));
    press(&mut app, "<c-x>");
    assert!(screen(&app).contains("No exact matches: Ctrl-x for fuzzy matching."));
    press(&mut app, "<c-x> <c-u>");
    typed(&mut app, "'beats !beats");
    assert!(screen(&app).contains("Nothing is left after the ! terms"), "{}", screen(&app));
    press(&mut app, "<c-u>");
    typed(&mut app, "levitator");
    let empty_kind = Kind::ALL.into_iter().find(|&k| app.search().is_some_and(|s| s.counts[k as usize] == 0));
    assert!(empty_kind.is_some());
    // A kind with no hits can only be the facet through one that had some: type a query
    // with Episode hits, pick Episodes, then narrow the query.
    press(&mut app, "<c-u>");
    typed(&mut app, "part");
    press(&mut app, "<tab> <c-u>");
    typed(&mut app, "'levitator");
    let message = app.search().and_then(|s| s.empty_message(app.keymap())).unwrap_or_default();
    assert_eq!(message, "No episodes among the 4 results: Tab or Shift-Tab for the other kinds.");
    assert!(screen(&app).contains(" No episodes among the 4"), "shown, wrapped with its indent");
}

#[test]
fn an_unclosed_quote_is_taken_literally_and_the_prompt_says_so() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s");
    typed(&mut app, "\"attention span");
    assert!(app.search().is_some_and(|s| s.query().unclosed_quote));
    assert!(screen(&app).lines().nth(1).is_some_and(|l| l.contains("[unclosed \" taken literally]")));
    typed(&mut app, "\"");
    assert!(app.search().is_some_and(|s| !s.query().unclosed_quote && !s.shown.is_empty()), "the phrase finds q-s");
    assert!(!screen(&app).contains("taken literally"));
}
