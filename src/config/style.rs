//! A palette role's style as the config writes it: a colour, `on` a background colour,
//! and modifiers, in any order: `"cyan bold"`, `"#1e90ff underlined"`,
//! `"black on light-yellow bold"`, `"default"` (no colour, no modifier). Colours are the
//! 16 ANSI names or `#rrggbb`.

use ratatui::style::{Color, Modifier, Style};

pub const COLOURS: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

pub const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed-out", Modifier::CROSSED_OUT),
];

/// Why a style could not be read: the word at fault, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleError {
    pub word: String,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Style, StyleError> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    let mut foreground = false;
    if words.peek().is_none() {
        return Err(StyleError { word: String::new(), message: "the style is empty (write \"default\")".into() });
    }
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "default" {
            continue;
        }
        if lower == "on" {
            let Some(colour) = words.next() else {
                return Err(StyleError {
                    word: word.into(),
                    message: "`on` needs a background colour after it".into(),
                });
            };
            style = style.bg(colour_of(colour)?);
        } else if let Some((_, modifier)) = MODIFIERS.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*modifier);
        } else if foreground {
            return Err(StyleError {
                word: word.into(),
                message: format!("a second colour `{word}` (write `on {word}` for the background)"),
            });
        } else {
            style = style.fg(colour_of(word)?);
            foreground = true;
        }
    }
    Ok(style)
}

fn colour_of(word: &str) -> Result<Color, StyleError> {
    let lower = word.to_ascii_lowercase();
    if let Some((_, colour)) = COLOURS.iter().find(|(name, _)| *name == lower) {
        return Ok(*colour);
    }
    if let Some(hex) = lower.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(Color::Rgb(byte(0), byte(2), byte(4)));
        }
        return Err(StyleError { word: word.into(), message: format!("`{word}` is not a #rrggbb colour") });
    }
    let names = COLOURS.iter().map(|(n, _)| *n).chain(MODIFIERS.iter().map(|(n, _)| *n));
    let message = super::report::suggest(
        &format!("unknown colour or modifier '{word}'"),
        &lower,
        names,
        "a colour name, #rrggbb, or bold dim italic underlined reversed crossed-out",
    );
    Err(StyleError { word: word.into(), message })
}

/// A style as [`parse`] reads it back.
pub fn format(style: Style) -> String {
    let mut words = Vec::new();
    if let Some(fg) = style.fg {
        words.push(colour_name(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", colour_name(bg)));
    }
    for (name, modifier) in MODIFIERS {
        if style.add_modifier.contains(*modifier) {
            words.push((*name).to_string());
        }
    }
    if words.is_empty() { "default".into() } else { words.join(" ") }
}

fn colour_name(colour: Color) -> String {
    match colour {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        other => COLOURS.iter().find(|(_, c)| *c == other).map_or_else(|| "default".into(), |(n, _)| (*n).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Theme;
    use crate::ui::{Palette, Role};

    #[test]
    fn every_theme_role_reads_back() {
        for theme in Theme::ALL {
            let palette = Palette::for_theme(theme, true);
            for role in Role::ALL {
                let style = palette.role(role);
                assert_eq!(parse(&format(style)), Ok(style), "{} {}", theme.name(), role.name());
            }
        }
    }

    #[test]
    fn spellings() {
        assert_eq!(
            parse("#1E90ff bold"),
            Ok(Style::new().fg(Color::Rgb(0x1e, 0x90, 0xff)).add_modifier(Modifier::BOLD))
        );
        assert_eq!(parse("black on light-yellow"), Ok(Style::new().fg(Color::Black).bg(Color::LightYellow)));
        assert_eq!(parse("default"), Ok(Style::new()));
        assert!(parse("cyan blue").is_err());
        let error = parse("cyann").expect_err("misspelt");
        assert!(error.message.contains("did you mean 'cyan'?"), "{}", error.message);
        assert!(parse("#12345").is_err());
    }
}
