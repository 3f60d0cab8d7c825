//! Whole-screen snapshots of every screen on ratatui's TestBackend, at 80×24, 120×40 and
//! tiny sizes, plus style checks that text snapshots cannot see.

mod common;

use common::{app, bundled, fixture, press, screen, terminal};
use defiant::app::{App, Internal};
use defiant::ui::Palette;
use ratatui::style::{Color, Modifier};

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(name, screen(app));
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn every_pane_list() {
    for (w, h) in SIZES {
        for (key, name) in
            [("0", "overview"), ("1", "episodes"), ("2", "themes"), ("3", "people"), ("4", "footage"), ("5", "quotes")]
        {
            let mut app = app(bundled(), w, h);
            press(&mut app, &format!("{key} j"));
            snap(&format!("list_{name}_{w}x{h}"), &app);
        }
    }
}

#[test]
fn detail_of_every_kind() {
    // episode, theme, person, footage, quote, and a source reached through a link.
    let cases = [
        ("episode", "1 j <enter>"),
        ("theme", "2 <enter>"),
        ("person", "3 j <enter>"),
        ("footage", "4 j <enter>"),
        ("quote", "5 j j j l"),
        ("source", "5 l G <enter>"),
    ];
    for (w, h) in SIZES {
        for (name, script) in cases {
            let mut app = app(bundled(), w, h);
            press(&mut app, script);
            snap(&format!("detail_{name}_{w}x{h}"), &app);
        }
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = app(bundled(), w, h);
        press(&mut app, "?");
        snap(&format!("help_list_{w}x{h}"), &app);
        let mut app = app_in_detail(w, h);
        press(&mut app, "?");
        snap(&format!("help_detail_{w}x{h}"), &app);
    }
}

fn app_in_detail(w: u16, h: u16) -> App {
    let mut app = app(bundled(), w, h);
    press(&mut app, "3 <enter>");
    app
}

#[test]
fn search_screens() {
    for (w, h) in SIZES {
        let mut app = app(bundled(), w, h);
        press(&mut app, "s");
        snap(&format!("search_empty_{w}x{h}"), &app);
        for c in "chronic".chars() {
            press(&mut app, &c.to_string());
        }
        snap(&format!("search_global_{w}x{h}"), &app);
        press(&mut app, "<tab> <tab> <tab>");
        snap(&format!("search_facet_people_{w}x{h}"), &app);
        let mut app = app_in_detail(w, h);
        press(&mut app, "<esc> / h u g");
        snap(&format!("search_filter_people_{w}x{h}"), &app);
        press(&mut app, "z q x");
        snap(&format!("search_no_match_{w}x{h}"), &app);
    }
}

#[test]
fn links_followed_show_the_breadcrumb() {
    let mut app = app(fixture("minimal.json"), 80, 24);
    press(&mut app, "5 l <enter>");
    snap("breadcrumb_two_deep_80x24", &app);
}

#[test]
fn narrow_one_pane_and_tiny_sizes() {
    let mut narrow = app(bundled(), 60, 20);
    snap("narrow_list_60x20", &narrow);
    press(&mut narrow, "<enter>");
    snap("narrow_detail_60x20", &narrow);
    snap("minimum_40x10", &app(bundled(), 40, 10));
    snap("too_small_39x10", &app(bundled(), 39, 10));
    snap("too_small_20x5", &app(bundled(), 20, 5));
    snap("too_small_1x1", &app(bundled(), 1, 1));
}

#[test]
fn no_size_from_0x0_to_300x100_panics() {
    let scripts = ["", "3 <enter>", "5 <enter> ?", "4 <enter> G"];
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 0..=45 {
        for h in 0..=14 {
            sizes.push((w, h));
        }
    }
    for w in (0..=300).step_by(13) {
        for h in (0..=100).step_by(7) {
            sizes.push((w, h));
        }
    }
    sizes.push((300, 100));
    let data = bundled();
    for script in scripts {
        let mut app = app(data.clone(), 120, 40);
        press(&mut app, script);
        for &(w, h) in &sizes {
            common::send(&mut app, Internal::Resized { width: w, height: h });
            let _ = terminal(&app, &Palette::colour());
        }
    }
}

#[test]
fn selection_is_reverse_video_and_no_color_has_no_colours() {
    let mut app = app(bundled(), 80, 24);
    press(&mut app, "3");
    let colour = terminal(&app, &Palette::colour());
    let buffer = colour.backend().buffer();
    let list = app.layout().expect("fits").list.expect("list");
    // First row inside the list border is the selected one.
    let cell = &buffer[(list.x + 2, list.y + 1)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "selected row is reversed: {cell:?}");
    let unselected = &buffer[(list.x + 2, list.y + 2)];
    assert!(!unselected.modifier.contains(Modifier::REVERSED));

    let mono = terminal(&app, &Palette::monochrome());
    let buffer = mono.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "NO_COLOR: no foreground colour at all");
        assert_eq!(cell.bg, Color::Reset, "NO_COLOR: no background colour at all");
    }
    assert!(buffer[(list.x + 2, list.y + 1)].modifier.contains(Modifier::REVERSED), "selection still visible");
}

#[test]
fn selected_link_is_highlighted_only_when_the_detail_has_focus() {
    let mut app = app(fixture("minimal.json"), 80, 24);
    press(&mut app, "5");
    let doc = app.doc().expect("preview").clone();
    let text = app.layout().expect("fits").detail_text().expect("detail");
    let row = text.y + doc.link_row(0).expect("a link") as u16;
    let reversed_in_row = |app: &App| {
        let t = terminal(app, &Palette::colour());
        let buffer = t.backend().buffer();
        (text.x..text.right()).any(|x| buffer[(x, row)].modifier.contains(Modifier::REVERSED))
    };
    assert!(!reversed_in_row(&app), "preview: no link selected");
    press(&mut app, "l");
    assert!(reversed_in_row(&app), "detail focus: first link selected");
}
