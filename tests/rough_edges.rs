//! Issue #12's rough edges of the browser, each pinned by a test that failed before the fix
//! (the section jumps and `show`'s wrapping are in tests/story.rs).

mod common;

use common::{app, bundled, press, screen, send};
use defiant::app::{Focus, Internal, Pane};

fn status_row(app: &defiant::app::App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

/// After shrinking the window the selected link is still on screen, the status bar counts
/// it, and Enter follows exactly that link.
#[test]
fn the_selected_link_stays_in_view_after_a_resize_and_enter_follows_it() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 <enter>");
    for _ in 0..30 {
        press(&mut app, "j");
    }
    let (_, link) = app.detail_position();
    let link = link.expect("a link selected on screen");
    let target = app.doc().expect("page").links[link];
    send(&mut app, Internal::Resized { width: 80, height: 24 });
    let (scroll, shown) = app.detail_position();
    assert_eq!(shown, Some(link), "the same link, still on screen (scroll {scroll})");
    assert!(status_row(&app).contains(&format!("link {}/", link + 1)), "{}", status_row(&app));
    press(&mut app, "<enter>");
    assert_eq!(app.history().current().map(|v| v.record), Some(target), "Enter followed the highlighted link");
}

/// `G` then `g`: the top of the page has no link, so none is highlighted or counted, and
/// Enter says so instead of silently scrolling.
#[test]
fn after_g_at_the_top_no_link_off_screen_is_counted_or_followed() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "1 <enter> G g g");
    assert_eq!(app.detail_position(), (0, None));
    assert!(!status_row(&app).contains("link "), "{}", status_row(&app));
    let before = app.history().position();
    press(&mut app, "<enter>");
    assert_eq!(app.history().position(), before, "nothing was followed");
    assert_eq!(app.detail_position().0, 0, "and nothing scrolled");
    assert!(app.status().is_some_and(|s| s.contains("No link on screen")), "{:?}", app.status());
}

/// The reader's message and its indicator give the same width, also past what fits.
#[test]
fn the_reader_says_the_width_its_indicator_shows() {
    let mut app = app(bundled(), 100, 30);
    press(&mut app, "5 <enter>");
    assert!(app.reader().is_some());
    for _ in 0..20 {
        press(&mut app, "+");
    }
    let status = status_row(&app);
    let indicator: String = status.rsplit("width ").next().unwrap_or_default().trim().to_string();
    let message = app.status().expect("a message");
    assert!(message.starts_with(&format!("Column width {indicator}")), "{message:?} vs indicator {indicator:?}");
}

/// At 120 columns the Quotes list and the results keep the speaker; the text is cut.
#[test]
fn narrow_lists_keep_the_speaker_and_cut_the_quote_text() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "5");
    let text = screen(&app);
    let rows = app.layout().expect("fits").list_rows();
    let cursor = app.cursor(Pane::Quotes);
    for index in cursor.offset..cursor.offset + rows {
        let quote = &app.data().quotes[index];
        let speaker = app.data().speaker_name(quote);
        assert!(text.contains(&format!("— {speaker}")), "row {index}: no speaker {speaker}\n{text}");
    }
    press(&mut app, "s");
    common::type_text(&mut app, "chronic");
    let text = screen(&app);
    let search = app.search().expect("search");
    for &i in search.shown.iter().take(10) {
        let record = search.hits[i as usize].record;
        if record.kind == defiant::data::Kind::Quote {
            let speaker = app.data().speaker_name(&app.data().quotes[record.index]).to_string();
            assert!(
                text.contains(&format!("— {speaker}")),
                "result {}: no speaker\n{text}",
                app.data().deep_link(record)
            );
        }
    }
}

/// Tabs keep their full names while they fit, and the shown one always does; the help key
/// is in the status bar at every size.
#[test]
fn tabs_use_full_names_when_they_fit_and_help_is_always_in_the_status_bar() {
    let wide = app(bundled(), 80, 24);
    let tabs = screen(&wide).lines().next().unwrap_or_default().to_string();
    assert!(tabs.contains("0 Overview 1 Episodes 2 Themes 3 People 4 Footage 5 Quotes 6 Timeline"), "{tabs}");
    let mut narrow = app(bundled(), 60, 20);
    press(&mut narrow, "3");
    let tabs = screen(&narrow).lines().next().unwrap_or_default().to_string();
    assert!(tabs.contains("3 People"), "{tabs}");
    for (w, h) in [(40, 10), (60, 20), (80, 24), (120, 40)] {
        for keys in ["", "3", "3 <enter>", "5 <enter>"] {
            let mut app = app(bundled(), w, h);
            press(&mut app, keys);
            let status = status_row(&app);
            assert!(status.contains('?'), "{w}×{h} after {keys:?}: {status}");
        }
    }
}

/// A second click on the selected row opens it; the wheel scrolls the list's window by
/// lines and leaves the selection where it is.
#[test]
fn a_second_click_opens_and_the_wheel_scrolls_the_view() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3");
    let list = app.layout().expect("fits").list.expect("list");
    let click = |app: &mut defiant::app::App, row: u16| {
        send(app, Internal::Clicked { column: list.x + 3, row: list.y + 1 + row });
    };
    click(&mut app, 4);
    assert_eq!((app.cursor(Pane::People).selected, app.focus()), (4, Focus::List));
    click(&mut app, 4);
    assert_eq!(app.focus(), Focus::Detail, "the second click opened the person");
    assert_eq!(app.history().current().map(|v| v.record.index), Some(4));
    press(&mut app, "<esc>");
    let before = app.cursor(Pane::People);
    send(&mut app, Internal::Scrolled { column: list.x + 3, row: list.y + 3, lines: 1 });
    let after = app.cursor(Pane::People);
    assert_eq!(after.offset, before.offset + 3, "one notch scrolls three lines");
    assert_eq!(after.selected, before.selected.max(after.offset), "the selection stays (pulled into view only)");
}

/// The breadcrumb shows at most the last four steps, after `…`.
#[test]
fn the_breadcrumb_keeps_the_last_four_steps() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 <enter>");
    for _ in 0..5 {
        // Follow the last link as a page (G l), five times.
        press(&mut app, "G l");
    }
    let crumbs = app.breadcrumb();
    assert!(app.history().trail().len() > 4, "{crumbs:?}");
    assert_eq!(crumbs.len(), 5, "{crumbs:?}");
    assert_eq!(crumbs[0], "…");
    assert!(screen(&app).lines().nth(1).is_some_and(|l| l.trim_start().starts_with("… › ")), "{}", screen(&app));
}

/// The Episodes list shows a one-line synopsis after the air date.
#[test]
fn the_episodes_list_shows_a_synopsis() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "1");
    let text = screen(&app);
    let summary = &app.data().episodes[0].summary;
    let start: String = summary.chars().take(12).collect();
    let row = text.lines().find(|l| l.contains("Part 1  2017-07-09")).expect("Part 1's row");
    assert!(row.contains(&start), "{row}");
}
