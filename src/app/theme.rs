//! Which colour theme is in force; the view turns it into styles (`ui::Palette`).

/// A named theme. `NO_COLOR` (or `--color never`) overrides any of them with the
/// monochrome styles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// The terminal's 16 colours on a dark background.
    #[default]
    Dark,
    /// The 16 colours chosen to read on a light background.
    Light,
    /// Bold, saturated colours and no dim text.
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Dark, Theme::Light, Theme::HighContrast];

    /// The name the config and the palette use.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::HighContrast => "high-contrast",
        }
    }

    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn next(self) -> Theme {
        Theme::ALL[(self as usize + 1) % Theme::ALL.len()]
    }
}
