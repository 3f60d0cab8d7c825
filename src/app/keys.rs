//! Keys as the key table, the config file and help write them: one key with its modifiers
//! ([`Key`]), or a key after a prefix key ([`Chord`], `g g`, `y u`).

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, comparable with crossterm's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// What a binding is typed as: one key, or a prefix key and the key after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub first: Key,
    pub then: Option<Key>,
}

pub const fn key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

/// One key with no modifier, for the table: `plain(KeyCode::Enter)`.
pub const fn plain(code: KeyCode) -> Chord {
    Chord { first: key(code), then: None }
}

/// One character key: `ch('j')`.
pub const fn ch(c: char) -> Chord {
    plain(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Chord {
    Chord { first: Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }, then: None }
}

pub const fn ctrl_code(code: KeyCode) -> Chord {
    Chord { first: Key { code, modifiers: KeyModifiers::CONTROL }, then: None }
}

pub const fn alt(code: KeyCode) -> Chord {
    Chord { first: Key { code, modifiers: KeyModifiers::ALT }, then: None }
}

/// A character after a prefix character: `seq('g', 'g')`.
pub const fn seq(prefix: char, then: char) -> Chord {
    Chord { first: key(KeyCode::Char(prefix)), then: Some(key(KeyCode::Char(then))) }
}

impl Chord {
    pub const fn single(key: Key) -> Self {
        Chord { first: key, then: None }
    }

    /// How help and hints write it: `j`, `Ctrl-d`, `gg`, `y u` is written `yu`.
    pub fn label(self) -> String {
        match self.then {
            None => self.first.label(),
            Some(then) if is_plain_char(self.first) && is_plain_char(then) => {
                format!("{}{}", self.first.label(), then.label())
            }
            Some(then) => format!("{} {}", self.first.label(), then.label()),
        }
    }

    /// How the config file writes it (`ctrl-j`, `g g`), read back by [`Chord::parse`].
    pub fn config_name(self) -> String {
        match self.then {
            None => self.first.config_name(),
            Some(then) => format!("{} {}", self.first.config_name(), then.config_name()),
        }
    }

    /// Read a key as the config file writes it: `j`, `ctrl-j`, `alt-left`, `f1`, `pgdn`,
    /// `space`, and two of them after each other as `g g`.
    pub fn parse(text: &str) -> Result<Chord, KeyError> {
        let mut parts = text.split(' ').filter(|p| !p.is_empty());
        let first = parts.next().ok_or(KeyError::Empty)?;
        let first = Key::parse(first)?;
        let then = parts.next().map(Key::parse).transpose()?;
        if parts.next().is_some() {
            return Err(KeyError::TooLong);
        }
        Ok(Chord { first, then })
    }
}

fn is_plain_char(key: Key) -> bool {
    matches!(key.code, KeyCode::Char(c) if c != ' ') && key.modifiers.is_empty()
}

/// Why a key name in the config could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key is empty")]
    Empty,
    #[error("at most two keys after each other (a prefix key and one more)")]
    TooLong,
    #[error("unknown key `{0}` (a character, or one of {NAMED_LIST})")]
    Unknown(String),
    #[error("unknown modifier `{0}` (ctrl, alt or shift)")]
    Modifier(String),
}

const NAMED_LIST: &str =
    "enter esc tab backtab backspace delete insert up down left right home end pgup pgdn space f1..f12";

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    /// Normalise a key event the way terminals differ: an uppercase letter implies Shift, so
    /// Shift is dropped from characters (and from Shift-Tab) and `G` is `G` either way.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code: event.code, modifiers }
    }

    /// A plain character key (no Ctrl or Alt), as typed into a prompt.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
            _ => None,
        }
    }

    /// How the key is written in hints and help: `j`, `Ctrl-d`, `Alt-←`, `PgDn`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        self.with_modifiers(base, "Ctrl-", "Alt-", "Shift-")
    }

    fn config_name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED.iter().find(|(_, c)| *c == code).map_or_else(|| format!("{code:?}"), |(n, _)| n.to_string()),
        };
        self.with_modifiers(base, "ctrl-", "alt-", "shift-")
    }

    fn with_modifiers(self, base: String, ctrl: &str, alt: &str, shift: &str) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str(ctrl);
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str(alt);
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str(shift);
        }
        out + &base
    }

    /// One key as the config writes it: `ctrl-j`, `alt-left`, `f5`, `G`, `-`.
    pub fn parse(text: &str) -> Result<Key, KeyError> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A trailing `-` is the minus key (`ctrl--`), not a separator.
        while let Some((modifier, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
            modifiers |= match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => KeyModifiers::CONTROL,
                "alt" | "a" | "meta" | "m" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => return Err(KeyError::Modifier(modifier.to_string())),
            };
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(KeyError::Empty),
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                match NAMED.iter().find(|(name, _)| *name == lower) {
                    Some((_, code)) => *code,
                    None => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                        Some(n @ 1..=12) => KeyCode::F(n),
                        _ => return Err(KeyError::Unknown(text.to_string())),
                    },
                }
            }
        };
        // As from a terminal: Shift on a character is carried by the character itself.
        let event = KeyEvent::new(code, modifiers);
        let mut key = Key::from_event(event);
        if let (KeyCode::Char(c), true) = (code, modifiers.contains(KeyModifiers::SHIFT)) {
            key.code = KeyCode::Char(c.to_ascii_uppercase());
        }
        Ok(key)
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_names_read_back() {
        for text in ["j", "ctrl-j", "alt-left", "f1", "pgdn", "space", "g g", "G", "ctrl--", "-", "y u"] {
            let chord = Chord::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(chord.config_name(), text, "{text}");
        }
    }

    #[test]
    fn spellings_agree() {
        assert_eq!(Chord::parse("C-j"), Chord::parse("ctrl-j"));
        assert_eq!(Chord::parse("shift-g"), Ok(ch('G')));
        assert_eq!(Chord::parse("Enter"), Ok(plain(KeyCode::Enter)));
        assert_eq!(Chord::parse("g g").map(Chord::label), Ok("gg".to_string()));
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        assert_eq!(Chord::parse("hyper-j"), Err(KeyError::Modifier("hyper".into())));
        assert_eq!(Chord::parse("entr"), Err(KeyError::Unknown("entr".into())));
        assert_eq!(Chord::parse("g g g"), Err(KeyError::TooLong));
        assert_eq!(Chord::parse(""), Err(KeyError::Empty));
    }
}
