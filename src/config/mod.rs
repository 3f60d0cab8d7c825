//! The config file: one TOML file of key bindings, a theme, browser settings and the
//! search mode (README "Configuration").
//!
//! [`parse`] reads a file into a [`Config`] and a [`Report`] of every problem, each at
//! `file:line:col` with its key path; a broken setting keeps its default, so the browser
//! still starts (and says so). `defiant config default` prints [`default_text`], which
//! reads back as [`Config::default`].
//!
//! Sits above `ui` (it builds palette styles and the key table) and below `tui`; the
//! command line uses it for `config check` and `config default`.

mod default;
mod keys;
mod parse;
pub mod report;
pub mod style;

use std::path::{Path, PathBuf};

/// `NO_COLOR` wins over any theme and `--color always` (re-exported for the command line).
pub use crate::ui::palette::no_color;
pub use default::default_text;
pub use parse::parse;
use ratatui::style::Style;
pub use report::{Problem, Report, Severity};

use crate::app::{Keymap, Pane, Theme};
use crate::ui::Role;

/// The environment variable naming the config file (`--config` wins over it).
pub const ENV: &str = "DEFIANT_CONFIG";

/// The theme the config asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    Dark,
    Light,
    HighContrast,
    /// Dark or light from the terminal's background, when it answers; else dark.
    Auto,
}

impl ThemeChoice {
    pub const NAMES: [&str; 4] = ["dark", "light", "high-contrast", "auto"];

    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        match name {
            "auto" => Some(ThemeChoice::Auto),
            _ => Theme::from_name(name).map(ThemeChoice::named),
        }
    }

    pub fn named(theme: Theme) -> ThemeChoice {
        match theme {
            Theme::Dark => ThemeChoice::Dark,
            Theme::Light => ThemeChoice::Light,
            Theme::HighContrast => ThemeChoice::HighContrast,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Dark => "dark",
            ThemeChoice::Light => "light",
            ThemeChoice::HighContrast => "high-contrast",
            ThemeChoice::Auto => "auto",
        }
    }
}

/// `[ui]`: how the browser starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ui {
    /// Capture the mouse (`--no-mouse` turns it off whatever this says).
    pub mouse: bool,
    /// Print source URLs as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The quote reader's text column.
    pub reader_width: u16,
    /// The pane the browser opens on.
    pub start_pane: Pane,
    /// The list's share of the width, in percent, when the list and detail sit side by side.
    pub list_width: u16,
}

impl Default for Ui {
    fn default() -> Self {
        Self {
            mouse: true,
            hyperlinks: true,
            reader_width: crate::app::reader::DEFAULT_WIDTH,
            start_pane: Pane::default(),
            list_width: crate::app::layout::LIST_PERCENT,
        }
    }
}

/// The list/detail split's limits, in percent of the width.
pub const LIST_WIDTH: std::ops::RangeInclusive<u16> = 20..=80;

/// Everything the config sets, with the defaults for what it does not (or gets wrong).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub keys: Keymap,
    pub theme: ThemeChoice,
    /// `[theme]` roles, replacing the theme's style for that role.
    pub styles: Vec<(Role, Style)>,
    pub ui: Ui,
    /// New searches start exact (`[search] mode = "exact"`).
    pub exact: bool,
}

impl Config {
    /// Put the config into a new app: its key table, theme (`auto` is the theme the
    /// terminal's background chose, which the run loop asks for), search mode, split,
    /// reader column and start pane.
    pub fn apply(&self, app: &mut crate::app::App, auto: Theme) {
        app.set_keymap(self.keys.clone());
        app.set_theme(match self.theme {
            ThemeChoice::Dark => Theme::Dark,
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::HighContrast => Theme::HighContrast,
            ThemeChoice::Auto => auto,
        });
        app.set_exact_default(self.exact);
        app.set_list_width(self.ui.list_width);
        app.set_reader_width(self.ui.reader_width);
        if self.ui.start_pane != app.pane() {
            let _ = app.update(crate::app::Action::ShowPane(self.ui.start_pane));
        }
    }
}

/// A config and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub report: Report,
}

/// Where the config comes from: `--config`, else `DEFIANT_CONFIG`, else the platform's
/// config directory (`$XDG_CONFIG_HOME/defiant/config.toml` on Linux). `explicit` when
/// named by the flag or the variable, where a missing file is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub explicit: bool,
}

pub fn locate(flag: Option<&Path>) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location { path: path.to_path_buf(), explicit: true });
    }
    if let Some(path) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return Some(Location { path: PathBuf::from(path), explicit: true });
    }
    default_path().map(|path| Location { path, explicit: false })
}

/// The platform's config file path, when there is a home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "defiant").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Read the config at `location`. A missing file is no config unless it was named
/// explicitly; an unreadable one is an error in the report.
pub fn load(location: &Location) -> Option<Loaded> {
    let shown = location.path.display().to_string();
    match std::fs::read(&location.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(parse(&text, &shown)),
            Err(e) => Some(failed(&shown, format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !location.explicit => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(failed(&shown, "no such file".to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
            Some(failed(&shown, "is a directory, not a file".to_string()))
        }
        Err(e) => Some(failed(&shown, format!("cannot read: {}", crate::sanitize::message(&e.to_string())))),
    }
}

fn failed(file: &str, message: String) -> Loaded {
    let mut report = Report::new(file, "");
    report.error(None, "", message);
    Loaded { config: Config::default(), report }
}

/// The one line the browser's status bar shows for a config with problems.
pub fn status_line(report: &Report) -> String {
    let (errors, warnings) = (report.count(Severity::Error), report.count(Severity::Warning));
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    let what = match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    let used = if errors > 0 { ", defaults used" } else { "" };
    // The file's name only: the line must fit 80 columns; the path is in the report.
    let name = Path::new(&report.file).file_name().map_or(report.file.clone(), |n| n.to_string_lossy().into_owned());
    format!("{name}: {what}{used} (defiant config check)")
}
