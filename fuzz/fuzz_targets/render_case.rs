//! One case of the `render_frame` fuzz target, shared with its stable replay in
//! `tests/fuzz_corpus.rs`: arbitrary bytes become a terminal size, a few keys and a text
//! that is put into every prose and name field of a small dataset; the app draws a frame
//! through the real crossterm backend, and the bytes it sends must hold no escape or
//! control that the app did not write itself.

use std::sync::Arc;

use defiant::app::{App, Internal};
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TEMPLATE: &str = include_str!("../../tests/fixtures/minimal.json");

/// Fields whose text is free (names, titles, prose); ids, references, enums and dates stay.
const FREE_TEXT: &[&str] =
    &["title", "name", "description", "summary", "text", "context", "note", "publication", "occasion", "format"];

/// Keys the fuzzer can press, one byte each.
const KEYS: &[KeyCode] = &[
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Enter,
    KeyCode::Char('l'),
    KeyCode::Char('G'),
    KeyCode::Char('s'),
    KeyCode::Char('/'),
    KeyCode::Char('3'),
    KeyCode::Char('5'),
    KeyCode::Char('r'),
    KeyCode::Char('?'),
    KeyCode::Tab,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Char('+'),
    KeyCode::Char('e'),
];

/// What the bytes say: `[w, h, key count, keys…, text…]`.
pub struct Case {
    pub width: u16,
    pub height: u16,
    pub keys: Vec<KeyCode>,
    pub text: String,
}

impl Case {
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (&[w, h, n], rest) = bytes.split_first_chunk::<3>()?;
        let n = usize::from(n % 8).min(rest.len());
        let keys = rest[..n].iter().map(|b| KEYS[usize::from(*b) % KEYS.len()]).collect();
        let text = String::from_utf8_lossy(&rest[n..]).into_owned();
        Some(Self { width: u16::from(w) + 1, height: u16::from(h % 80) + 1, keys, text })
    }
}

/// The small dataset with `text` in every free-text field.
pub fn dataset(text: &str) -> Option<defiant::data::Dataset<'static>> {
    let mut value: serde_json::Value = serde_json::from_str(TEMPLATE).ok()?;
    inject(&mut value, text);
    let bytes = serde_json::to_vec(&value).ok()?.leak();
    defiant::data::load::from_bytes("fuzz.json", bytes).ok().map(|loaded| loaded.dataset)
}

fn inject(value: &mut serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                match field {
                    serde_json::Value::String(s) if FREE_TEXT.contains(&key.as_str()) => *s = format!("{s} {text}"),
                    other => inject(other, text),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|item| inject(item, text)),
        _ => {}
    }
}

/// Press the case's keys and draw one frame; the bytes a terminal would receive.
pub fn frame(case: &Case, data: defiant::data::Dataset<'static>) -> Vec<u8> {
    let mut app = App::new(Arc::new(data));
    let _ = app.update(Internal::Resized { width: case.width, height: case.height });
    for &code in &case.keys {
        for effect in app.update(defiant::app::Message::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
            if let defiant::app::Effect::Search { generation, query } = effect {
                let hits = Arc::new(app.index().search(&query));
                let _ = app.update(Internal::SearchFinished { generation, hits, done: true });
            }
        }
    }
    let mut bytes = Vec::new();
    {
        let area = defiant::app::layout::drawable(app.size());
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) };
        let Ok(mut terminal) = Terminal::with_options(CrosstermBackend::new(&mut bytes), options) else {
            return bytes;
        };
        let _ = terminal.draw(|frame| ui::view(frame, &app, &Palette::colour()));
    }
    bytes
}

/// ESC only as the start of a CSI the app wrote (`ESC [` params final), never OSC, DCS or
/// bare; no C0 control but CR/LF, no C1, bidi or invisible character.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let context = || text[i..].chars().take(16).collect::<String>();
        match c {
            '\u{1b}' => {
                if chars.next().map(|(_, c)| c) != Some('[') {
                    return Err(format!("ESC not followed by '[': {:?}", context()));
                }
                let fin =
                    chars.by_ref().map(|(_, c)| c).find(|c| !(c.is_ascii_digit() || matches!(c, ';' | '?' | ':')));
                if !fin.is_some_and(|f| f.is_ascii_alphabetic()) {
                    return Err(format!("odd CSI {:?}", context()));
                }
            }
            '\r' | '\n' => {}
            c if c.is_control() || is_hidden(c) => {
                return Err(format!("U+{:04X} reached the terminal: {:?}", c as u32, context()));
            }
            _ => {}
        }
    }
    Ok(())
}

fn is_hidden(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{e0000}'..='\u{e007f}')
}
