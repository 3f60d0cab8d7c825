//! Shared helpers for TUI tests: datasets, key scripts and rendering to a TestBackend.
#![allow(dead_code)]

pub mod bytes;

use std::sync::Arc;

use defiant::app::{App, Effect, Effects, Internal, Message};
use defiant::data::{Dataset, load};
use defiant::ui::{self, Palette};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn bundled() -> Arc<Dataset<'static>> {
    Arc::new(Dataset::bundled().unwrap_or_else(|e| panic!("bundled dataset: {e}")).dataset)
}

pub fn fixture(name: &str) -> Arc<Dataset<'static>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    Arc::new(load::from_path(&path).unwrap_or_else(|e| panic!("{name}: {e}")).dataset)
}

/// An app on `data` in a terminal of `width`×`height`.
pub fn app(data: Arc<Dataset<'static>>, width: u16, height: u16) -> App {
    let mut app = App::new(data);
    send(&mut app, Internal::Resized { width, height });
    app
}

/// Parse one token of a key script: `j`, `G`, `<enter>`, `<c-d>`, `<a-left>`, …
pub fn key(token: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, modifiers) = match token {
        "<enter>" => (KeyCode::Enter, none),
        "<esc>" => (KeyCode::Esc, none),
        "<bs>" => (KeyCode::Backspace, none),
        "<tab>" => (KeyCode::Tab, none),
        "<space>" => (KeyCode::Char(' '), none),
        "<s-tab>" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "<up>" => (KeyCode::Up, none),
        "<down>" => (KeyCode::Down, none),
        "<left>" => (KeyCode::Left, none),
        "<right>" => (KeyCode::Right, none),
        "<home>" => (KeyCode::Home, none),
        "<end>" => (KeyCode::End, none),
        "<pgup>" => (KeyCode::PageUp, none),
        "<pgdn>" => (KeyCode::PageDown, none),
        "<f1>" => (KeyCode::F(1), none),
        "<a-left>" => (KeyCode::Left, KeyModifiers::ALT),
        "<a-up>" => (KeyCode::Up, KeyModifiers::ALT),
        "<a-down>" => (KeyCode::Down, KeyModifiers::ALT),
        "<a-bs>" => (KeyCode::Backspace, KeyModifiers::ALT),
        t if t.starts_with("<a-") && t.len() == 5 => {
            (KeyCode::Char(t.chars().nth(3).unwrap_or('?')), KeyModifiers::ALT)
        }
        "<a-right>" => (KeyCode::Right, KeyModifiers::ALT),
        t if t.starts_with("<c-") && t.len() == 5 => {
            (KeyCode::Char(t.chars().nth(3).unwrap_or('?')), KeyModifiers::CONTROL)
        }
        t if t.chars().count() == 1 => (KeyCode::Char(t.chars().next().unwrap_or('?')), none),
        other => panic!("unknown key token {other}"),
    };
    KeyEvent::new(code, modifiers)
}

/// What the effects of some input asked for, besides searches (which run inline).
#[derive(Debug, Default)]
pub struct Ran {
    pub copied: Vec<String>,
    pub quit: bool,
    pub suspended: bool,
    /// Edits of the saved state, in order (issue #16).
    pub saved: Vec<defiant::saved::Change>,
    /// Exports asked for: (file, text).
    pub exported: Vec<(String, String)>,
    pub opened: Vec<String>,
}

/// Execute effects as the run loop would, with searches run right here instead of on the
/// worker, so tests never wait.
pub fn execute(app: &mut App, effects: Effects, ran: &mut Ran) {
    for effect in effects {
        match effect {
            Effect::Search { generation, query } => {
                let hits = Arc::new(app.index().search(&query));
                let more = app.update(Internal::SearchFinished { generation, hits, done: true });
                execute(app, more, ran);
            }
            Effect::Copy(text) => ran.copied.push(text),
            Effect::Quit => ran.quit = true,
            Effect::Suspend => ran.suspended = true,
            Effect::Save(change) => ran.saved.push(change),
            Effect::Export { file, text } => ran.exported.push((file, text)),
            Effect::OpenUrl(url) => ran.opened.push(url),
        }
    }
}

/// Send one message and execute its effects.
pub fn send(app: &mut App, message: impl Into<Message>) -> Ran {
    let mut ran = Ran::default();
    let effects = app.update(message);
    execute(app, effects, &mut ran);
    ran
}

/// Type text into the open prompt, one `InsertChar` per character (spaces included, which
/// a key script cannot hold).
pub fn type_text(app: &mut App, text: &str) -> Ran {
    let mut ran = Ran::default();
    for c in text.chars() {
        let effects = app.update(defiant::app::Action::InsertChar(c));
        execute(app, effects, &mut ran);
    }
    ran
}

/// Feed a space-separated key script through the keymap and update, as the terminal would.
pub fn press(app: &mut App, script: &str) -> Ran {
    let mut ran = Ran::default();
    for token in script.split_whitespace() {
        let effects = app.update(Message::Key(key(token)));
        execute(app, effects, &mut ran);
    }
    ran
}

pub fn terminal(app: &App, palette: &Palette) -> Terminal<TestBackend> {
    let size = app.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap_or_else(|e| panic!("{e}"));
    terminal.draw(|frame| ui::view(frame, app, palette)).unwrap_or_else(|e| panic!("{e}"));
    terminal
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    screen_with(app, &Palette::colour())
}

/// The screen drawn with `palette`, as text, one line per row.
pub fn screen_with(app: &App, palette: &Palette) -> String {
    let terminal = terminal(app, palette);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
