//! A config put into the app (what `tui::run` does at start): its keys drive dispatch, and
//! its theme, search mode, split, reader column and start pane are in force.

mod common;

use common::{app, bundled, press};
use defiant::app::{Pane, Theme};
use defiant::config;

const SETTINGS: &str = r#"
[ui]
start-pane = "quotes"
reader-width = 48
list-width = 30
[search]
mode = "exact"
[theme]
name = "high-contrast"
[keys.list]
"ctrl-n" = "down"
"#;

#[test]
fn settings_reach_the_app() {
    let loaded = config::parse(SETTINGS, "settings.toml");
    assert_eq!(loaded.report.problems, []);
    let mut app = app(bundled(), 120, 40);
    loaded.config.apply(&mut app, Theme::Light);
    assert_eq!(app.pane(), Pane::Quotes);
    assert_eq!(app.theme(), Theme::HighContrast);
    assert_eq!(app.reader_column(), 48);
    let layout = app.layout().expect("fits");
    assert_eq!(layout.list.map(|r| r.width), Some(36), "30% of 120 columns");

    press(&mut app, "<c-n>");
    assert_eq!(app.cursor(Pane::Quotes).selected, 1, "Ctrl-n moved down");

    press(&mut app, "/");
    assert!(app.search().is_some_and(|s| s.exact), "new searches start exact");
    press(&mut app, "<esc> r + +");
    assert!(app.reader().is_some());
    assert_eq!(app.reader_column(), 60);
    press(&mut app, "=");
    assert_eq!(app.reader_column(), 48, "= resets to the configured width, not 66");
}

#[test]
fn auto_takes_the_theme_the_terminal_chose() {
    let loaded = config::parse("[theme]\nname = \"auto\"\n", "auto.toml");
    let mut app = app(bundled(), 100, 30);
    loaded.config.apply(&mut app, Theme::Light);
    assert_eq!(app.theme(), Theme::Light);
    let mut app = common::app(bundled(), 100, 30);
    config::Config::default().apply(&mut app, Theme::Light);
    assert_eq!((app.theme(), app.pane(), app.reader_column()), (Theme::Dark, Pane::Overview, 66));
}
