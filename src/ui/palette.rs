//! Semantic styles. Widgets ask for `palette.link`, never for a colour, so `NO_COLOR` and
//! light terminals are handled in one place.
//!
//! Colours are the 16 ANSI ones (the terminal's own palette, so light and dark themes
//! both stay readable); selection is reverse video; nothing relies on grey shades. With
//! `NO_COLOR` set, emphasis is carried by bold, underline, italic and reverse only.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::present::Tone;

/// Whether `NO_COLOR` is set to a non-empty value (no-color.org): it wins over any theme
/// and over `--color always`.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub id: Style,
    pub label: Style,
    pub heading: Style,
    pub link: Style,
    pub link_kind: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub crumb: Style,
    pub key: Style,
    pub status: Style,
    pub notice: Style,
    pub matched: Style,
    /// The bars of the Overview's charts, one style and glyph per measure (events, people,
    /// quotes; speakers use the first). Colour tells them apart, or with `NO_COLOR` the glyph.
    pub bars: [Style; 3],
    pub bar_glyphs: [&'static str; 3],
    /// A record in a collection (issue #16): the glyph's style, and the glyph (a plain
    /// `*` under NO_COLOR, where colour cannot set it apart).
    pub mark: Style,
    pub mark_glyph: &'static str,
}

impl Palette {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Self {
        if no_color() { Self::monochrome() } else { Self::colour() }
    }

    /// The styles of a theme (colour), or the monochrome ones when colour is off.
    pub fn for_theme(theme: crate::app::Theme, colour: bool) -> Self {
        use crate::app::Theme;
        match (colour, theme) {
            (false, _) => Self::monochrome(),
            (true, Theme::Dark) => Self::colour(),
            (true, Theme::Light) => Self::light(),
            (true, Theme::HighContrast) => Self::high_contrast(),
        }
    }

    /// For light backgrounds: no yellow (unreadable on white), blue and magenta for
    /// emphasis, red for matches.
    pub fn light() -> Self {
        let plain = Style::new();
        let dark = Self::colour();
        Self {
            title: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            heading: plain.fg(Color::Blue).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border_focused: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            tab_active: plain.fg(Color::Blue).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            status: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            matched: plain.fg(Color::Red).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            link: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            ..dark
        }
    }

    /// Nothing dim, bright colours, everything that matters bold.
    pub fn high_contrast() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            text: plain,
            dim: plain,
            title: bold.fg(Color::White),
            id: bold.fg(Color::LightMagenta),
            label: bold,
            heading: bold.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            link: bold.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            link_kind: plain.add_modifier(Modifier::ITALIC),
            selected: bold.add_modifier(Modifier::REVERSED),
            selected_unfocused: bold.add_modifier(Modifier::UNDERLINED),
            border: plain.fg(Color::White),
            border_focused: bold.fg(Color::LightYellow),
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            crumb: plain.add_modifier(Modifier::ITALIC),
            key: bold.fg(Color::LightYellow),
            status: bold.fg(Color::LightYellow),
            notice: bold.fg(Color::LightRed),
            matched: bold.fg(Color::Black).bg(Color::LightYellow),
            bars: [plain.fg(Color::LightCyan), plain.fg(Color::LightMagenta), plain.fg(Color::LightYellow)],
            bar_glyphs: ["█", "▒", "░"],
            mark: bold.fg(Color::LightYellow),
            mark_glyph: "★",
        }
    }

    pub fn colour() -> Self {
        let plain = Style::new();
        Self {
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            id: plain.fg(Color::Magenta),
            label: plain.add_modifier(Modifier::BOLD),
            heading: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            link: plain.fg(Color::Blue),
            link_kind: plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: plain,
            border_focused: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: plain.fg(Color::Cyan).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            crumb: plain.add_modifier(Modifier::ITALIC),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            status: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            notice: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            matched: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bars: [plain.fg(Color::Cyan), plain.fg(Color::Magenta), plain.fg(Color::Yellow)],
            bar_glyphs: ["█", "█", "█"],
            mark: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            mark_glyph: "★",
        }
    }

    pub fn monochrome() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            text: plain,
            dim: plain,
            title: bold,
            id: plain.add_modifier(Modifier::ITALIC),
            label: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            link: plain.add_modifier(Modifier::UNDERLINED),
            link_kind: plain.add_modifier(Modifier::ITALIC),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: bold.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focused: bold,
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED),
            crumb: plain.add_modifier(Modifier::ITALIC),
            key: bold,
            status: bold,
            notice: bold,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            bars: [plain, plain, plain],
            bar_glyphs: ["█", "▒", "░"],
            mark: bold,
            mark_glyph: "*",
        }
    }

    /// The one style of each tone, wherever toned text is drawn.
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Title => self.title,
            Tone::Id => self.id,
            Tone::Label => self.label,
            Tone::Text => self.text,
            Tone::Dim => self.dim,
            Tone::Heading => self.heading,
            Tone::Link => self.link,
            Tone::LinkKind => self.link_kind,
            Tone::Key => self.key,
            Tone::Match => self.matched,
        }
    }

    /// A line of toned runs as styled spans.
    pub fn line<'a>(&self, spans: &'a [(Tone, String)]) -> Line<'a> {
        Line::from(spans.iter().map(|(tone, text)| Span::styled(text.as_str(), self.tone(*tone))).collect::<Vec<_>>())
    }
}
