//! The quote reader: layout at several sizes and widths, paging through collections,
//! returning exactly, copying with OSC 52, and `defiant quote`.

mod common;

use base64::Engine;
use common::{app, bundled, fixture, press, screen};
use defiant::app::{Context, Focus, Pane};
use defiant::tui::clipboard::osc52;

fn reader_on(data_file: Option<&str>, w: u16, h: u16, script: &str) -> defiant::app::App {
    let data = data_file.map_or_else(bundled, fixture);
    let mut app = app(data, w, h);
    press(&mut app, script);
    app
}

#[test]
fn snapshots_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        let app = reader_on(None, w, h, "5 j j j j <enter>");
        assert_eq!(app.context(), Context::Reader);
        insta::assert_snapshot!(format!("reader_q05_{w}x{h}"), screen(&app));
    }
}

#[test]
fn every_width_setting_stays_inside_the_terminal() {
    // From the narrowest setting up to the widest, one step at a time: every setting.
    let mut app = reader_on(None, 120, 40, "5 j j j j <enter> - - - - - - - -");
    let mut seen = Vec::new();
    loop {
        let width = app.reader_column();
        if seen.contains(&width) {
            break;
        }
        seen.push(width);
        let page = app.reader().expect("open").page();
        assert!(page.width <= 116, "never wider than the terminal minus margins");
        assert!(
            page.lines
                .iter()
                .all(|l| l.iter().map(|(_, t)| defiant::text::width(t)).sum::<usize>() <= usize::from(page.width))
        );
        insta::assert_snapshot!(format!("reader_width_{width}_120x40"), screen(&app));
        press(&mut app, "+");
    }
    assert_eq!(seen.first(), Some(&defiant::app::reader::MIN_WIDTH));
    assert_eq!(seen.last(), Some(&defiant::app::reader::MAX_WIDTH));
    press(&mut app, "=");
    assert_eq!(app.reader_column(), defiant::app::reader::DEFAULT_WIDTH);
    let mut small = reader_on(None, 50, 20, "5 <enter> + + + +");
    press(&mut small, "+");
    let page = small.reader().expect("open").page();
    assert_eq!(page.width, 46, "a 90-wide setting is cut to the 50-column terminal");
}

#[test]
fn a_long_quote_scrolls() {
    let mut app = reader_on(Some("reader.json"), 80, 24, "5 j j <enter>");
    let first = screen(&app);
    assert!(first.contains("↓ more"), "{first}");
    press(&mut app, "j j j");
    assert_eq!(app.reader().map(|r| r.scroll), Some(3));
    press(&mut app, "G");
    let end = screen(&app);
    assert!(end.contains("3 / 4"), "the position line is reached: {end}");
    press(&mut app, "g g");
    assert_eq!(app.reader().map(|r| r.scroll), Some(0));
    insta::assert_snapshot!("reader_long_quote_80x24", screen(&app));
}

#[test]
fn next_and_previous_stop_at_the_ends_of_the_collection() {
    let mut app = reader_on(None, 120, 40, "5 <enter>");
    press(&mut app, "p");
    assert_eq!(app.reader().map(|r| r.position), Some(0));
    assert_eq!(app.status(), Some("First quote of all quotes"));
    press(&mut app, "n <right> l");
    assert_eq!(app.reader().map(|r| r.position), Some(3));
    press(&mut app, "<left> h");
    assert_eq!(app.reader().map(|r| r.position), Some(1));
    let last = app.data().count(defiant::data::Kind::Quote) - 1;
    for _ in 0..last + 3 {
        press(&mut app, "n");
    }
    assert_eq!(app.reader().map(|r| r.position), Some(last));
    assert_eq!(app.status(), Some("Last quote of all quotes"));
}

#[test]
fn a_person_s_quote_link_reads_through_that_person_s_quotes() {
    let mut app = reader_on(None, 120, 40, "3 j <enter> <enter>");
    let reader = app.reader().expect("Enter on Jimmy Iovine's first quote link opens the reader");
    assert_eq!(reader.name, "quotes linked from Jimmy Iovine");
    let iovine = app.data().find(defiant::data::Kind::Person, "jimmy-iovine").expect("exists");
    let quotes =
        app.data().link_groups(iovine).into_iter().find(|g| g.kind == defiant::data::Kind::Quote).expect("quotes");
    assert_eq!(reader.collection, quotes.items);
    press(&mut app, "R");
    assert!(app.reader().is_some_and(|r| r.position < quotes.items.len()), "R stays in the collection");
}

#[test]
fn escape_returns_exactly_where_the_reader_was_opened() {
    let mut app = reader_on(None, 120, 40, "3 j <enter> j j");
    let before = (app.pane(), app.focus(), app.cursor(Pane::People), app.history().current().copied());
    press(&mut app, "<enter> n n + j <esc>");
    assert_eq!(app.context(), Context::Detail);
    assert_eq!((app.pane(), app.focus(), app.cursor(Pane::People), app.history().current().copied()), before);
    // From the list too.
    let mut app = reader_on(None, 120, 40, "5 j j");
    press(&mut app, "r n q");
    assert_eq!((app.focus(), app.cursor(Pane::Quotes).selected), (Focus::List, 2));
}

#[test]
fn search_terms_stay_highlighted_in_the_reader() {
    let mut app = reader_on(None, 120, 40, "s");
    for c in "'levitator".chars() {
        common::send(&mut app, defiant::app::Action::InsertChar(c));
    }
    press(&mut app, "<enter>");
    let reader = app.reader().expect("a quote result opens the reader");
    assert!(reader.name.starts_with("results for"));
    let page = app.reader().expect("open").page();
    let matched: String = page
        .lines
        .iter()
        .flatten()
        .filter(|(tone, _)| *tone == defiant::present::Tone::Match)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(matched.to_lowercase(), "levitator");
}

fn decode(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let payload = text.strip_prefix("\u{1b}]52;c;").and_then(|t| t.split('\u{7}').next()).expect("OSC 52");
    let raw = base64::engine::general_purpose::STANDARD.decode(payload).expect("base64");
    String::from_utf8(raw).expect("utf-8")
}

#[test]
fn y_copies_exactly_the_citation_with_osc52() {
    let mut app = reader_on(None, 120, 40, "5 j j j j j <enter>");
    let text = press(&mut app, "y y").copied.pop().expect("y copies");
    assert_eq!(
        app.status(),
        Some(format!("Copied quote with citation ({} bytes) to the clipboard", text.len()).as_str())
    );
    let q06 = app.data().find(defiant::data::Kind::Quote, "q06").expect("q06");
    assert_eq!(text, defiant::present::citation::markdown(app.data(), q06));
    assert_eq!(decode(&osc52(&text, false)), text, "the OSC 52 payload is base64 of exactly that text");
    assert_eq!(press(&mut app, "Y").copied, ["quote:q06"]);
}

#[test]
fn a_quote_holding_escapes_is_copied_sanitized() {
    let mut app = reader_on(Some("reader.json"), 120, 40, "5 j j j <enter>");
    let text = press(&mut app, "y y").copied.pop().expect("copied");
    assert!(text.contains("Escape ␛]0;pwned␇ and ␛]52;c;"), "{text}");
    let bytes = osc52(&text, true);
    let decoded = decode(&bytes);
    assert!(!decoded.contains('\u{1b}') && !decoded.contains('\u{7}'), "no raw control in the payload");
    // The only ESC/BEL bytes are the OSC 52 framing itself (plain + tmux passthrough).
    assert_eq!(bytes.iter().filter(|&&b| b == 0x1b).count(), 5);
}

#[test]
fn cli_quote_prints_a_citation_and_json() {
    let run =
        |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_defiant")).args(args).output().expect("runs");
    let o = run(&["quote", "q06"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    // The text is indented by two spaces, so only the attribution starts at column 0 (#15 r10).
    assert!(text.starts_with("  The music business is quick, and the attention span is so short. The film business"));
    assert!(text.lines().count() == 3, "unwrapped in a pipe: text, blank, attribution\n{text}");
    assert!(text.trim_end().ends_with("[quote:q06]"));
    let o = run(&["quote", "q71", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(value["speaker"], "Eminem");
    assert_eq!(value["source"]["id"], "bb-inside");
    assert_eq!(run(&["quote"]).status.code(), Some(0), "no id: a random quote");
    assert_eq!(run(&["quote", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["quote", "person:dr-dre"]).status.code(), Some(2));
    assert_eq!(run(&["quote", "q01", "--random"]).status.code(), Some(2), "id and --random conflict");
}

#[test]
fn the_chosen_width_is_kept_when_the_reader_opens_again() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "5 <enter> + + <esc>");
    assert!(app.reader().is_none());
    press(&mut app, "j <enter>");
    assert_eq!(app.reader_column(), defiant::app::reader::DEFAULT_WIDTH + 12);
}

/// #13: Ctrl-d/Ctrl-u move half a page in the reader as everywhere else (Space and PgDn a
/// page), and F1 closes help as it opens it.
#[test]
fn ctrl_d_is_half_a_page_in_the_reader_too_and_f1_toggles_help() {
    let mut app = reader_on(Some("reader.json"), 80, 24, "5 j j <enter>");
    let rows = app.reader().map(|r| r.rows()).expect("open");
    assert!(app.reader().is_some_and(|r| r.page().lines.len() > rows + rows / 2), "a quote longer than a page");
    let page = 24 - 4;
    press(&mut app, "<c-d>");
    assert_eq!(app.reader().map(|r| r.scroll), Some(page / 2));
    press(&mut app, "<c-u> <space>");
    assert_eq!(app.reader().map(|r| r.scroll), Some(page.min(app.reader().map_or(0, |r| r.page().lines.len() - rows))));
    press(&mut app, "<f1>");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "<f1>");
    assert_eq!(app.context(), Context::Reader, "F1 closes help again");
}
