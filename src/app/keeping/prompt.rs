//! The one-line prompt over the status bar: a collection's name for `M` (with completion
//! from the collections there are) or a record's note for `a`.

use tui_input::Input;

use super::super::Action;
use crate::data::RecordRef;
use crate::saved::{Key, MAX_NAME_CHARS, MAX_NOTE_CHARS, Saved};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Add this record to the collection named.
    Collect(RecordRef),
    /// The note of `key` in `collection`.
    Note { collection: String, key: Key },
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: Purpose,
    editor: Input,
    /// Which completion Tab or ↑/↓ put in last.
    choice: Option<usize>,
    /// What was typed before completing (completions match it).
    typed: String,
}

/// What an action in the prompt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Editing,
    Accepted(String),
    Cancelled,
}

impl Prompt {
    pub fn new(purpose: Purpose, text: &str) -> Self {
        Prompt { purpose, editor: Input::new(text.to_string()), choice: None, typed: text.to_string() }
    }

    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Collect(_) => "Add to collection: ",
            Purpose::Note { .. } => "Note: ",
        }
    }

    pub fn text(&self) -> &str {
        self.editor.value()
    }

    pub fn cursor(&self) -> usize {
        self.editor.visual_cursor()
    }

    fn max(&self) -> usize {
        match self.purpose {
            Purpose::Collect(_) => MAX_NAME_CHARS,
            Purpose::Note { .. } => MAX_NOTE_CHARS,
        }
    }

    /// Collection names that start with what was typed (any case), for `M`.
    pub fn completions(&self, saved: &Saved) -> Vec<String> {
        if !matches!(self.purpose, Purpose::Collect(_)) {
            return Vec::new();
        }
        let typed = self.typed.to_lowercase();
        saved.collections.iter().map(|c| c.name.clone()).filter(|n| n.to_lowercase().starts_with(&typed)).collect()
    }

    pub fn update(&mut self, saved: &Saved, action: Action) -> Outcome {
        let request = match action {
            Action::Open => return Outcome::Accepted(self.editor.value().to_string()),
            Action::Cancel => return Outcome::Cancelled,
            Action::Complete | Action::SelectNext => return self.complete(saved, 1),
            Action::SelectPrevious => return self.complete(saved, -1),
            Action::InsertChar(_) if self.editor.value().chars().count() >= self.max() => return Outcome::Editing,
            action => match crate::app::picker::line_edit(action) {
                Some(request) => request,
                None => return Outcome::Editing,
            },
        };
        if self.editor.handle(request).is_some_and(|change| change.value) {
            self.typed = self.editor.value().to_string();
            self.choice = None;
        }
        Outcome::Editing
    }

    /// Put the next (or previous) matching name in the prompt.
    fn complete(&mut self, saved: &Saved, step: isize) -> Outcome {
        let names = self.completions(saved);
        if names.is_empty() {
            return Outcome::Editing;
        }
        let len = names.len() as isize;
        let next = match self.choice {
            None if step > 0 => 0,
            None => len - 1,
            Some(at) => (at as isize + step).rem_euclid(len),
        } as usize;
        self.choice = Some(next);
        self.editor = Input::new(names[next].clone());
        Outcome::Editing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Kind;
    use crate::saved::Change;

    #[test]
    fn tab_cycles_through_the_names_that_match() {
        let mut saved = Saved::default();
        for name in ["marked", "music", "people"] {
            saved.apply(&Change::Create { collection: name.into() });
        }
        let mut p = Prompt::new(Purpose::Collect(RecordRef::new(Kind::Quote, 0)), "");
        p.update(&saved, Action::InsertChar('M'));
        assert_eq!(p.completions(&saved), ["marked", "music"]);
        p.update(&saved, Action::Complete);
        assert_eq!(p.text(), "marked");
        p.update(&saved, Action::Complete);
        assert_eq!(p.text(), "music");
        p.update(&saved, Action::Complete);
        assert_eq!(p.text(), "marked");
        assert_eq!(p.update(&saved, Action::Open), Outcome::Accepted("marked".into()));
    }
}
