//! Key sequences through the keymap and `App::update`, asserting on state.

mod common;

use common::{app, bundled, fixture, press, screen};
use defiant::app::{Context, Focus, Internal, Pane};
use defiant::data::{Kind, RecordRef};

#[test]
fn starts_on_the_overview_with_the_top_speaker_selected() {
    let mut app = app(bundled(), 120, 40);
    assert_eq!(app.pane(), Pane::Overview);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.context(), Context::List);
    // The chart's first bar is the most quoted person; beside it is the series.
    let top = app.story().charts.speakers[0].0;
    assert_eq!(app.selected(), Some(top));
    assert_eq!(app.doc().map(|d| d.record), Some(app.data().series_ref()));
    // Enter on a bar opens that person; `0` comes back, `1` shows the Episodes.
    press(&mut app, "j <enter>");
    assert_eq!(app.history().current().map(|v| v.record), Some(app.story().charts.speakers[1].0));
    press(&mut app, "0");
    assert_eq!((app.pane(), app.cursor(Pane::Overview).selected), (Pane::Overview, 1));
    press(&mut app, "l");
    assert_eq!(app.history().current().map(|v| v.record), Some(app.data().series_ref()), "l opens the series page");
    press(&mut app, "1");
    assert_eq!(app.selected(), Some(RecordRef::new(Kind::Episode, 0)));
}

#[test]
fn list_movement_stays_in_range() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 j j j");
    assert_eq!(app.cursor(Pane::People).selected, 3);
    press(&mut app, "k");
    assert_eq!(app.cursor(Pane::People).selected, 2);
    press(&mut app, "G");
    let people = app.data().count(Kind::Person);
    assert_eq!(app.cursor(Pane::People).selected, people - 1);
    let rows = app.layout().expect("fits").list_rows();
    assert_eq!(app.cursor(Pane::People).offset, people - rows, "last page shown without trailing gap");
    press(&mut app, "j g g");
    assert_eq!(app.cursor(Pane::People).selected, 0);
    press(&mut app, "<c-d>");
    assert_eq!(app.cursor(Pane::People).selected, rows / 2);
    press(&mut app, "<pgdn>");
    assert_eq!(app.cursor(Pane::People).selected, rows / 2 + rows);
    press(&mut app, "<pgup> <c-u> <home>");
    assert_eq!(app.cursor(Pane::People).selected, 0);
    press(&mut app, "<end>");
    assert_eq!(app.cursor(Pane::People).selected, people - 1);
}

#[test]
fn panes_cycle_with_tab_numbers_and_keep_their_selection() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "1 j <tab>");
    assert_eq!(app.pane(), Pane::Themes);
    press(&mut app, "<s-tab> <s-tab> <s-tab> <s-tab>");
    assert_eq!(app.pane(), Pane::Quotes);
    press(&mut app, "1");
    assert_eq!(app.cursor(Pane::Episodes).selected, 1, "each pane keeps its own cursor");
    for (key, pane) in [
        ("0", Pane::Overview),
        ("2", Pane::Themes),
        ("3", Pane::People),
        ("4", Pane::Footage),
        ("5", Pane::Quotes),
        ("6", Pane::Timeline),
    ] {
        press(&mut app, key);
        assert_eq!(app.pane(), pane);
    }
}

#[test]
fn enter_opens_detail_and_escape_returns_to_the_list() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 <enter>");
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.history().current().map(|v| v.record), Some(RecordRef::new(Kind::Person, 0)));
    assert_eq!(app.breadcrumb(), vec!["Dr. Dre".to_string()]);
    press(&mut app, "<esc>");
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, "l");
    assert_eq!(app.focus(), Focus::Detail, "l opens too");
    press(&mut app, "h");
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn following_links_three_deep_and_back_like_a_browser() {
    let mut app = app(fixture("minimal.json"), 120, 40);
    // Quotes pane → q01's page (l: Enter would open the reader) → its speaker → the
    // speaker's episode.
    press(&mut app, "5 l");
    let q01 = RecordRef::new(Kind::Quote, 0);
    assert_eq!(app.history().current().map(|v| v.record), Some(q01));
    let doc = app.doc().expect("detail shown");
    assert_eq!(doc.links[0].kind, Kind::Person, "a quote lists its speaker first");
    press(&mut app, "<enter>");
    let ann = RecordRef::new(Kind::Person, 0);
    assert_eq!(app.history().current().map(|v| v.record), Some(ann));
    assert_eq!(app.pane(), Pane::People, "following a link reveals the record in its pane");
    let episode_link = app.doc().expect("doc").links.iter().position(|r| r.kind == Kind::Episode).expect("has episode");
    for _ in 0..episode_link {
        press(&mut app, "j");
    }
    press(&mut app, "<enter>");
    assert_eq!(app.history().current().map(|v| v.record), Some(RecordRef::new(Kind::Episode, 0)));
    assert_eq!(app.breadcrumb(), vec!["quote q01", "Ann Lee", "Part 1"]);

    press(&mut app, "<bs>");
    assert_eq!(
        app.history().current().map(|v| (v.record, v.link)),
        Some((ann, episode_link)),
        "back restores the link"
    );
    press(&mut app, "<a-left>");
    assert_eq!(app.history().current().map(|v| v.record), Some(q01));
    press(&mut app, "<a-right> <a-right>");
    assert_eq!(app.history().current().map(|v| v.record), Some(RecordRef::new(Kind::Episode, 0)));
    press(&mut app, "<a-right>");
    assert_eq!(app.status(), Some("Nothing ahead in history"));

    // A new visit after going back drops the forward stack.
    press(&mut app, "<bs> <bs> 4 <enter>");
    assert_eq!(app.breadcrumb(), vec!["quote q01", "Bo in the studio"]);
    press(&mut app, "<a-right>");
    assert_eq!(app.status(), Some("Nothing ahead in history"));
    press(&mut app, "<bs> <bs>");
    assert_eq!(app.focus(), Focus::List, "back past the first visit returns to the list");
    press(&mut app, "<bs>");
    assert_eq!(app.status(), Some("Nothing to go back to"));
}

#[test]
fn help_overlay_opens_closes_and_lists_the_keys_of_the_context() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    let text = screen(&app);
    assert!(text.contains("Help — keys in the list"), "{text}");
    assert!(text.contains("open the record"));
    press(&mut app, "<down> <up> <esc>");
    assert_eq!(app.context(), Context::List);
    press(&mut app, "<enter> <f1>");
    assert!(screen(&app).contains("follow the selected link"));
    assert!(!press(&mut app, "q").quit, "q types into help's filter");
    assert_eq!(app.help().map(|h| h.filter().0.to_string()), Some("q".into()));
    press(&mut app, "<f1>");
    assert!(press(&mut app, "q").quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for script in ["<c-c>", "<enter> <c-c>", "? <c-c>"] {
        let mut app = app(bundled(), 120, 40);
        assert!(press(&mut app, script).quit, "{script}");
    }
}

#[test]
fn detail_scrolls_through_prose_before_reaching_far_links() {
    let mut app = app(bundled(), 120, 20);
    press(&mut app, "<enter>");
    let doc = app.doc().expect("episode detail");
    let rows = app.layout().expect("fits").detail_rows();
    assert!(doc.link_row(0).expect("a link") >= rows, "Part 1 has more prose than one screen");
    press(&mut app, "j");
    assert_eq!(app.history().current().map(|v| v.scroll), Some(1), "j scrolls while no link is in view");
    press(&mut app, "<enter>");
    assert_eq!(app.history().trail().len(), 1, "Enter never follows a link that is off screen");
    press(&mut app, "G");
    let visit = *app.history().current().expect("visit");
    let doc = app.doc().expect("doc");
    assert_eq!(visit.link, doc.links.len() - 1);
    assert_eq!(visit.scroll, doc.len() - rows);
    press(&mut app, "g g");
    assert_eq!(app.history().current().map(|v| v.scroll), Some(0));
}

#[test]
fn narrow_terminals_show_one_pane_at_a_time() {
    let mut app = app(bundled(), 60, 20);
    let layout = app.layout().expect("fits");
    assert!(layout.list.is_some() && layout.detail.is_none());
    press(&mut app, "<enter>");
    let layout = app.layout().expect("fits");
    assert!(layout.list.is_none() && layout.detail.is_some());
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut app = app(bundled(), 120, 40);
    let layout = app.layout().expect("fits");
    let list = layout.list.expect("list");
    // Click the third tab label (People).
    let tabs = defiant::app::layout::tabs(layout.tabs.width, app.pane_counts());
    let (_, start, _) = tabs[3];
    common::send(&mut app, Internal::Clicked { column: layout.tabs.x + start + 2, row: layout.tabs.y });
    assert_eq!(app.pane(), Pane::People);
    common::send(&mut app, Internal::Clicked { column: list.x + 3, row: list.y + 3 });
    assert_eq!(app.cursor(Pane::People).selected, 2);
    common::send(&mut app, Internal::Scrolled { column: list.x + 3, row: list.y + 3, lines: 1 });
    // The wheel scrolls the window three lines; the selection (row 2) is pulled into it.
    assert_eq!((app.cursor(Pane::People).offset, app.cursor(Pane::People).selected), (3, 3));
    // Click a link in the preview: opens the record and selects that link.
    let doc = app.doc().expect("preview");
    let text = layout.detail_text().expect("detail");
    let first_link_row = doc.link_row(0).expect("a link") as u16;
    assert!(first_link_row < text.height);
    common::send(&mut app, Internal::Clicked { column: text.x + 4, row: text.y + first_link_row });
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.history().current().map(|v| v.link), Some(0));
    // Clicks outside anything do nothing.
    common::send(&mut app, Internal::Clicked { column: 0, row: 39 });
    assert_eq!(app.focus(), Focus::Detail);
}

#[test]
fn open_starts_on_a_record() {
    let data = bundled();
    let record = data.resolve("person:jimmy-iovine").expect("exists");
    let mut app = app(data, 120, 40);
    let _ = app.open(record);
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.pane(), Pane::People);
    assert!(screen(&app).contains("person:jimmy-iovine"));
}

/// Each layer takes the keys and mouse events it is shown for; nothing under it moves.
#[test]
fn help_over_a_search_scrolls_the_help_not_the_hidden_results() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "s e");
    let selected = app.search().map(|s| s.list.selected);
    press(&mut app, "<f1> <down> <down>");
    assert_eq!(app.context(), Context::Help);
    assert_eq!(app.help().map(|h| h.selected_row()), Some(2));
    assert_eq!(app.search().map(|s| s.list.selected), selected, "the results under the help stay put");
}

#[test]
fn help_scroll_stays_in_range_so_k_after_g_moves() {
    let mut app = app(bundled(), 80, 24);
    press(&mut app, "? <end>");
    let bottom = app.help_scroll().expect("help open");
    let lines = app.help().map_or(0, |h| h.lines().len());
    assert!(bottom > 0 && bottom < lines, "End shows the last row, not past it: {bottom} of {lines}");
    press(&mut app, "<up>");
    assert_eq!(app.help_scroll(), Some(bottom), "the row above is still in view");
    press(&mut app, "<home>");
    assert_eq!(app.help_scroll(), Some(0));
}

#[test]
fn the_mouse_in_the_reader_scrolls_the_quote_and_leaves_the_list_alone() {
    let mut app = app(bundled(), 40, 12);
    press(&mut app, "5 j <enter>");
    assert_eq!(app.context(), Context::Reader);
    let before = app.cursor(Pane::Quotes);
    common::send(&mut app, Internal::Clicked { column: 3, row: 5 });
    common::send(&mut app, Internal::Scrolled { column: 3, row: 5, lines: 1 });
    assert_eq!(app.context(), Context::Reader);
    assert_eq!(app.cursor(Pane::Quotes), before);
    assert!(app.reader().is_some_and(|r| r.scroll > 0), "a narrow reader scrolls a long quote");
}

#[test]
fn the_mouse_in_a_search_selects_results_and_leaves_the_list_alone() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 s d r e");
    let list = app.layout().and_then(|l| l.list).expect("results");
    let before = (app.pane(), app.cursor(Pane::People));
    common::send(&mut app, Internal::Clicked { column: list.x + 3, row: list.y + 3 });
    assert_eq!(app.search().map(|s| s.list.selected), Some(2));
    common::send(&mut app, Internal::Scrolled { column: list.x + 3, row: list.y + 3, lines: 1 });
    assert_eq!(app.search().map(|s| s.list.selected), Some(5));
    let tabs = app.layout().expect("fits").tabs;
    common::send(&mut app, Internal::Clicked { column: tabs.x + 2, row: tabs.y });
    assert_eq!((app.pane(), app.cursor(Pane::People)), before, "the pane under the search stays put");
    assert_eq!(app.context(), Context::Search);
}
