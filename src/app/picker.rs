//! A list narrowed as you type, for help and the command palette: the same fuzzy matcher
//! as search (skim v2, smart case), the matched characters kept for highlighting, a
//! selection kept in range and in view.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use tui_input::{Input, InputRequest};

use super::Action;

/// One item that matched: its index among the items, its score and the matched chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub item: usize,
    pub score: i64,
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Picker {
    input: Input,
    shown: Vec<Shown>,
    selected: usize,
}

impl PartialEq for Picker {
    fn eq(&self, other: &Self) -> bool {
        self.input.value() == other.input.value() && self.shown == other.shown && self.selected == other.selected
    }
}

impl Eq for Picker {}

impl Picker {
    pub fn query(&self) -> &str {
        self.input.value()
    }

    pub fn cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    pub fn set_query(&mut self, text: &str) {
        self.input = Input::new(text.to_string());
    }

    pub fn shown(&self) -> &[Shown] {
        &self.shown
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_item(&self) -> Option<usize> {
        self.shown.get(self.selected).map(|s| s.item)
    }

    /// Match the query against each item's text; an empty query keeps every item in order.
    /// Best first, ties in item order. The selection goes back to the top.
    pub fn filter<'t>(&mut self, texts: impl Iterator<Item = &'t str>) {
        self.shown = matches(self.query(), texts);
        self.selected = 0;
    }

    /// Show matches ranked elsewhere (the palette adds its own bonuses).
    pub fn show(&mut self, shown: Vec<Shown>) {
        self.shown = shown;
        self.selected = 0;
    }

    /// A typing action on the query; true when the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let Some(request) = line_edit(action) else { return false };
        self.input.handle(request).is_some_and(|change| change.value)
    }

    /// Move the selection by `delta` rows, or to a row counted from 1 (`goto`).
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.shown.len().saturating_sub(1));
    }

    /// The list moves that a picker answers to, with `page` rows on screen; false for the rest.
    pub fn navigate(&mut self, action: Action, page: usize) -> bool {
        let page = page.max(1) as isize;
        match action {
            Action::SelectNext => self.move_by(1),
            Action::SelectPrevious => self.move_by(-1),
            Action::PageDown => self.move_by(page),
            Action::PageUp => self.move_by(-page),
            Action::HalfPageDown => self.move_by(page / 2),
            Action::HalfPageUp => self.move_by(-(page / 2)),
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(usize::MAX),
            Action::GoTo(n) => self.select((n as usize).saturating_sub(1)),
            _ => return false,
        }
        true
    }
}

/// The line editor's request for a typing action (tui-input), shared by every one-line
/// prompt: the palette, help's filter, the collection-name prompt, the history filter.
pub fn line_edit(action: Action) -> Option<InputRequest> {
    Some(match action {
        Action::InsertChar(c) => InputRequest::InsertChar(c),
        Action::DeleteCharBefore => InputRequest::DeletePrevChar,
        Action::DeleteCharAfter => InputRequest::DeleteNextChar,
        Action::DeleteWordBefore => InputRequest::DeletePrevWord,
        Action::DeleteToStart => InputRequest::DeleteLine,
        Action::DeleteToEnd => InputRequest::DeleteTillEnd,
        Action::CursorLeft => InputRequest::GoToPrevChar,
        Action::CursorRight => InputRequest::GoToNextChar,
        Action::CursorStart => InputRequest::GoToStart,
        Action::CursorEnd => InputRequest::GoToEnd,
        Action::CursorWordLeft => InputRequest::GoToPrevWord,
        Action::CursorWordRight => InputRequest::GoToNextWord,
        _ => return None,
    })
}

/// The fuzzy matches of `query` in `texts` (smart case: an uppercase letter makes it exact
/// about case), best first; with an empty query, every text in order.
pub fn matches<'t>(query: &str, texts: impl Iterator<Item = &'t str>) -> Vec<Shown> {
    let query = query.trim();
    if query.is_empty() {
        return texts.enumerate().map(|(item, _)| Shown { item, score: 0, positions: Vec::new() }).collect();
    }
    let matcher = SkimMatcherV2::default().smart_case();
    let mut shown: Vec<Shown> = texts
        .enumerate()
        .filter_map(|(item, text)| {
            matcher.fuzzy_indices(text, query).map(|(score, positions)| Shown { item, score, positions })
        })
        .collect();
    shown.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_first_and_everything_when_empty() {
        let texts = ["next record", "quit", "go to the top"];
        assert_eq!(matches("", texts.iter().copied()).len(), 3);
        let found = matches("qt", texts.iter().copied());
        assert_eq!(found.iter().map(|s| s.item).collect::<Vec<_>>(), [1]);
        assert_eq!(found[0].positions, [0, 3]);
    }

    #[test]
    fn the_selection_stays_in_range() {
        let mut picker = Picker::default();
        picker.filter(["a", "b", "c"].into_iter());
        picker.navigate(Action::PageDown, 10);
        assert_eq!(picker.selected_item(), Some(2));
        picker.edit(Action::InsertChar('z'));
        picker.filter(["a", "b", "c"].into_iter());
        assert_eq!(picker.selected_item(), None);
    }
}
