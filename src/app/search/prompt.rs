//! The search prompt as a line editor: readline keys through tui-input, a brought-back
//! query that typing replaces, this run's history, and pastes in one edit.

use tui_input::InputRequest;

use super::{Direction, Search};
use crate::app::request::Outbox;
use crate::data::Dataset;

impl Search {
    /// Pasted text goes into the query at the cursor in one step (one search, not one per
    /// character): line breaks and tabs become spaces, other control characters are
    /// dropped, and at most [`MAX_PASTE_CHARS`] are taken. Without an open search a paste
    /// does nothing.
    pub fn paste(&mut self, data: &Dataset, text: &str, out: &mut Outbox) {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|c| !c.is_control())
            .take(MAX_PASTE_CHARS)
            .collect();
        let Some(search) = &mut self.open else { return };
        if clean.is_empty() {
            return;
        }
        let (input, cursor) = if search.selected_text { ("", 0) } else { (search.input(), search.cursor()) };
        let at = byte_at(input, cursor);
        let value = format!("{}{clean}{}", &input[..at], &input[at..]);
        search.editor = tui_input::Input::new(value).with_cursor(cursor + clean.chars().count());
        search.selected_text = false;
        self.requery(data, out);
    }

    /// One request to the line editor; a changed text asks for new results. A selected
    /// (brought back) query stays whole for a cursor move and goes for an edit.
    pub(super) fn edit(&mut self, data: &Dataset, out: &mut Outbox, request: InputRequest) {
        let Some(search) = &mut self.open else { return };
        let changed = search.editor.handle(request).is_some_and(|change| change.value);
        search.selected_text = false;
        if changed {
            self.requery(data, out);
        }
    }

    /// Alt-f as readline has it: to the end of the word (tui-input's next word is the start
    /// of the following one, vi's `w`).
    pub(super) fn word_right(&mut self) {
        let Some(search) = &mut self.open else { return };
        let chars: Vec<char> = search.input().chars().collect();
        let mut at = search.cursor();
        while at < chars.len() && !chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        search.editor = std::mem::take(&mut search.editor).with_cursor(at);
        search.selected_text = false;
    }

    /// Typing replaces a selected query, and otherwise goes in at the cursor.
    pub(super) fn type_char(&mut self, data: &Dataset, c: char, out: &mut Outbox) {
        if let Some(search) = &mut self.open
            && search.selected_text
        {
            search.editor.reset();
        }
        self.edit(data, out, InputRequest::InsertChar(c));
    }

    /// Put an earlier (or later) query of this run in the prompt.
    pub(super) fn recall(&mut self, data: &Dataset, direction: Direction, out: &mut Outbox) {
        let Some(search) = &mut self.open else { return };
        let Some(query) = self.history.step(direction, search.input()) else { return };
        search.editor = tui_input::Input::new(query.to_string());
        search.selected_text = false;
        self.requery(data, out);
    }
}

/// The most of one paste that goes into the query (the engine reads the first 256).
pub const MAX_PASTE_CHARS: usize = 1024;

/// Byte offset of the `chars`-th character (or the end).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}
