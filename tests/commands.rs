//! Issue #13 in-process: the command palette, help that filters and runs, counts and
//! prefix keys with their which-key popup, the yank menu, `o`, and OSC 8 hyperlinks — all
//! driven by key scripts through the key table and `update`.

mod common;

use common::bytes::frame_bytes;
use common::{app, bundled, press, screen, type_text};
use defiant::app::bindings::Scope;
use defiant::app::keymap::{Context, ch};
use defiant::app::{Action, Focus, Keymap, Pane, Theme};
use defiant::data::Kind;

fn current(app: &defiant::app::App) -> Option<String> {
    app.history().current().map(|v| app.data().deep_link(v.record))
}

#[test]
fn palette_opens_a_record_by_name_and_runs_commands() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, ":");
    assert_eq!(app.context(), Context::Palette);
    type_text(&mut app, "dre");
    let text = screen(&app);
    assert!(text.contains("person: Dr. Dre"), "{text}");
    press(&mut app, "<enter>");
    assert_eq!(current(&app).as_deref(), Some("person:dr-dre"));
    assert_eq!(app.context(), Context::Detail);

    press(&mut app, ":");
    type_text(&mut app, "quit");
    assert!(press(&mut app, "<enter>").quit, ":quit quits");
}

#[test]
fn palette_arguments_complete_with_tab() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, ":");
    type_text(&mut app, "pane q");
    press(&mut app, "<tab>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some("pane quotes".into()));
    press(&mut app, "<enter>");
    assert_eq!(app.pane(), Pane::Quotes);

    press(&mut app, ":");
    type_text(&mut app, "theme light");
    press(&mut app, "<enter>");
    assert_eq!(app.theme(), Theme::Light);

    press(&mut app, ":");
    type_text(&mut app, "width 72");
    press(&mut app, "<enter>");
    assert_eq!(app.reader_column(), 72);

    press(&mut app, ":");
    type_text(&mut app, "open person:jimmy-iovine");
    press(&mut app, "<enter>");
    assert_eq!(current(&app).as_deref(), Some("person:jimmy-iovine"));

    press(&mut app, ": o p e <tab>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some("open ".into()), "a command with an argument");
}

#[test]
fn palette_sort_names_the_orders_of_the_pane() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 :");
    type_text(&mut app, "sort na");
    press(&mut app, "<tab>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some("sort name".into()));
    press(&mut app, "<enter>");
    assert_eq!(app.order(Pane::People), defiant::app::order::Order::Name);
    assert_eq!(app.status(), Some("People: by name"));
    press(&mut app, "1 :");
    type_text(&mut app, "sort episode");
    press(&mut app, "<enter>");
    assert_eq!(app.status(), Some("Episodes sort by dataset, name, most, date"), "no by-episode order there");
}

#[test]
fn palette_numbers_go_to_a_row_and_history_comes_back() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3 :");
    type_text(&mut app, "12");
    press(&mut app, "<enter>");
    assert_eq!(app.cursor(Pane::People).selected, 11);
    press(&mut app, ": <up>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some("12".into()));
    press(&mut app, "<down>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some(String::new()));
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::List);
}

#[test]
fn palette_unknown_input_says_so_and_stays_open() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, ":");
    type_text(&mut app, "zzqqxxjj");
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::Palette);
    assert_eq!(app.status(), Some("No command or record matches “zzqqxxjj”"));
}

#[test]
fn help_filters_as_you_type_and_enter_runs_the_action() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "?");
    type_text(&mut app, "next pane");
    let shown = app.help().map(|h| h.counts()).expect("help open");
    assert!(shown.0 >= 1 && shown.0 < shown.1, "{shown:?}");
    press(&mut app, "<enter>");
    assert_eq!(app.help(), None, "help closes");
    assert_eq!(app.pane(), Pane::Episodes, "and runs next pane (from the Overview) in the list below");
}

#[test]
fn help_fits_its_text_at_every_width_and_never_cuts_a_word_it_could_fit() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (60, 20)] {
        let mut app = app(bundled(), w, h);
        press(&mut app, "<enter> ?");
        let help = app.help().expect("help open");
        let (popup, _) = help.popup();
        assert!(popup.width <= w && popup.height <= h, "{w}x{h}: {popup:?}");
        // Every description is there whole, however it wrapped.
        // (Compared without spaces: a line may break after a hyphen, as in `dr-` `dre`.)
        let words = |text: &str| text.split_whitespace().collect::<String>();
        let all: String =
            help.lines().iter().flat_map(|l| l.iter().map(|(_, t)| t.clone())).collect::<Vec<_>>().join(" ");
        let all = words(&all);
        for (_, what, _) in app.keymap().help(Context::Detail) {
            assert!(all.contains(&words(&what)), "{w}x{h}: cut: {what}");
        }
        assert_eq!(help.below(), Context::Detail);
    }
}

#[test]
fn prefix_keys_wait_and_show_what_can_follow() {
    let mut app = app(bundled(), 80, 24);
    press(&mut app, "3 j j g");
    assert_eq!(app.cursor(Pane::People).selected, 2, "g alone does nothing yet");
    let (prefix, rows) = app.which_key().expect("which-key");
    assert_eq!(prefix, "g");
    assert!(rows.iter().any(|(k, what)| k == "g" && what.contains("top")), "{rows:?}");
    insta::assert_snapshot!("which_key_g_80x24", screen(&app));
    press(&mut app, "g");
    assert_eq!(app.cursor(Pane::People).selected, 0);
    assert_eq!(app.which_key(), None);
    press(&mut app, "g x j");
    assert_eq!(app.cursor(Pane::People).selected, 1, "an unbound second key drops the prefix");
}

#[test]
fn counts_repeat_moves_where_digits_are_free() {
    // In the reader digits are no pane keys: 5j scrolls five lines, 1G goes back to the top.
    let mut app = common::app(common::fixture("reader.json"), 80, 24);
    press(&mut app, "5 j j <enter>");
    assert_eq!(app.context(), Context::Reader);
    press(&mut app, "3 j");
    assert_eq!(app.reader().map(|r| r.scroll), Some(3));
    press(&mut app, "1 G");
    assert_eq!(app.reader().map(|r| r.scroll), Some(0));

    // In a list the digits show panes, unless the config frees them for counts.
    let mut keys = Keymap::default();
    for digit in ['1', '2', '5'] {
        keys.rebind(Scope::Only(Context::List), ch(digit), None);
    }
    let mut app = app_with(keys);
    press(&mut app, "3 1 2 j");
    assert_eq!(app.cursor(Pane::People).selected, 12, "12j");
    press(&mut app, "5 G");
    assert_eq!(app.cursor(Pane::People).selected, 4, "5G goes to row 5");
    press(&mut app, "2 5 <esc> j");
    assert_eq!(app.cursor(Pane::People).selected, 5, "Esc drops a count");
}

fn app_with(keys: Keymap) -> defiant::app::App {
    let mut app = app(bundled(), 120, 40);
    app.set_keymap(keys);
    app
}

#[test]
fn yank_menu_copies_text_link_url_and_id() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, "3");
    let person = app.selected().expect("a person");
    let link = app.data().deep_link(person);
    let id = app.data().id(person).to_string();
    assert_eq!(press(&mut app, "y l").copied, vec![link.clone()]);
    assert_eq!(app.status(), Some(format!("Copied link {link}").as_str()));
    assert_eq!(press(&mut app, "y i").copied, [id]);
    assert_eq!(press(&mut app, "y y").copied, [app.data().label(person).into_owned()]);
    let (prefix, rows) = {
        press(&mut app, "y");
        app.which_key().expect("the yank menu")
    };
    assert_eq!(prefix, "y");
    assert_eq!(rows.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["y", "l", "u", "i"]);
    press(&mut app, "<esc>");
    assert_eq!(app.which_key(), None);
}

#[test]
fn yank_url_and_open_use_the_selected_source_or_the_first() {
    let data = bundled();
    let quote = data.records(Kind::Quote).next().expect("a quote");
    let source_id = data.quotes[quote.index].source.as_str().to_string();
    let source = data.find(Kind::Source, &source_id).expect("source");
    let url = defiant::present::url::checked(&data.sources[source.index].url).expect("a web address");
    let mut app = app(data, 120, 40);
    let _ = app.open(quote);
    assert_eq!(press(&mut app, "y u").copied, vec![url.clone()]);
    let ran = press(&mut app, "o");
    assert_eq!(ran.opened, vec![url.clone()]);
    assert!(app.status().is_some_and(|s| s.starts_with("Opening https://")), "{:?}", app.status());
    // In the reader too.
    press(&mut app, "r");
    assert_eq!(app.context(), Context::Reader);
    assert_eq!(press(&mut app, "o").opened, [url]);
}

#[test]
fn a_url_that_is_not_a_web_address_is_copied_never_opened() {
    let data = common::fixture("tui-hostile.json");
    let mut app = app(data.clone(), 120, 40);
    for source in data.records(Kind::Source) {
        let _ = app.open(source);
        let ran = press(&mut app, "o");
        for url in &ran.opened {
            assert!(url.starts_with("http://") || url.starts_with("https://"), "{url}");
            assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url:?}");
        }
    }
    assert_eq!(app.focus(), Focus::Detail);
}

#[test]
fn source_urls_are_osc8_hyperlinks_with_the_checked_bytes() {
    let data = bundled();
    let source = data.records(Kind::Source).next().expect("a source");
    let url = defiant::present::url::checked(&data.sources[source.index].url).expect("a web address");
    let mut app = app(data, 120, 40);
    let _ = app.open(source);
    let plain = screen(&app);
    app.set_hyperlinks(true);
    let bytes = frame_bytes(&app);
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let opening = format!("\x1b]8;;{url}\x1b\\");
    assert!(text.contains(&opening), "no hyperlink to {url}");
    assert!(text.contains("\x1b]8;;\x1b\\"), "the link is closed");
    // Each hyperlink is opened and closed around the text: as many openings as closings.
    assert_eq!(text.matches(&opening).count(), text.matches("\x1b]8;;\x1b\\").count());
    // What a terminal shows is the same text as without hyperlinks.
    let nonzero = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut parser = vt100::Parser::new(nonzero(40), nonzero(120), 0);
    parser.process(&bytes);
    let shown: Vec<String> = parser.screen().rows(0, 120).collect();
    let expected: Vec<String> = plain.lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(shown.iter().map(|l| l.trim_end().to_string()).collect::<Vec<_>>(), expected);
    // And nothing but CSI and the hyperlinks' OSC 8 is sent.
    let without_links = text.replace(&opening, "").replace("\x1b]8;;\x1b\\", "");
    common::bytes::assert_no_injected_controls("frame", without_links.as_bytes());
}

#[test]
fn the_palette_lists_every_named_action_with_its_key() {
    let mut app = app(bundled(), 120, 40);
    press(&mut app, ":");
    let titles: Vec<String> =
        app.palette().map(|p| p.entries().iter().map(|e| e.title.clone()).collect()).unwrap_or_default();
    for name in ["quit", "down", "open", "help", "search", "filter", "yank-url", "open-url", "pane-quotes"] {
        assert!(titles.iter().any(|t| t == name), "{name} missing");
    }
    let quit = app.palette().and_then(|p| p.entries().iter().find(|e| e.title == "quit").cloned()).expect("quit");
    assert_eq!(quit.key, "q");
    assert_eq!(Action::from_name("quit"), Some(Action::Quit));
    insta::assert_snapshot!("palette_open_80x24", {
        let mut small = common::app(bundled(), 80, 24);
        press(&mut small, ":");
        type_text(&mut small, "pane");
        screen(&small)
    });
}
