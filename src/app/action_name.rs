//! Every bindable action by the kebab-case name the config file, help and the palette use
//! (`down`, `open`, `pane-quotes`), with one description for the palette. The match in
//! [`Action::name`] is exhaustive, so a new action cannot be added without a name.

use std::borrow::Cow;

use super::{Action, Pane, Yank};

impl Action {
    /// The action's name, or `None` for what only the app sends (typed characters, a row
    /// number from a count).
    pub fn name(self) -> Option<Cow<'static, str>> {
        let name = match self {
            Action::SelectNext => "down",
            Action::SelectPrevious => "up",
            Action::SelectFirst => "top",
            Action::SelectLast => "bottom",
            Action::HalfPageDown => "half-page-down",
            Action::HalfPageUp => "half-page-up",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::NextPane => "next-pane",
            Action::PreviousPane => "previous-pane",
            Action::ShowPane(pane) => return Some(Cow::Owned(format!("pane-{}", pane_slug(pane)))),
            Action::FocusList => "focus-list",
            Action::Open => "open",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::ToggleHelp => "help",
            Action::Cancel => "cancel",
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::StartFilter => "filter",
            Action::StartGlobalSearch => "search",
            Action::OpenPalette => "palette",
            Action::InsertChar(_)
            | Action::GoTo(_)
            | Action::SetColumn(_)
            | Action::SetTheme(_)
            | Action::Visit(_)
            | Action::ExportNamed(_)
            | Action::SetOrder(_) => {
                return None;
            }
            Action::Complete => "complete",
            Action::DeleteCharBefore => "delete-char-before",
            Action::DeleteCharAfter => "delete-char-after",
            Action::DeleteToStart => "delete-to-start",
            Action::DeleteToEnd => "delete-to-end",
            Action::DeleteWordBefore => "delete-word-before",
            Action::CursorLeft => "cursor-left",
            Action::CursorRight => "cursor-right",
            Action::CursorStart => "cursor-start",
            Action::CursorEnd => "cursor-end",
            Action::CursorWordLeft => "cursor-word-left",
            Action::CursorWordRight => "cursor-word-right",
            Action::HistoryPrevious => "history-previous",
            Action::HistoryNext => "history-next",
            Action::NextFacet => "next-kind",
            Action::PreviousFacet => "previous-kind",
            Action::ToggleExact => "toggle-exact",
            Action::NextMatch => "next-match",
            Action::PreviousMatch => "previous-match",
            Action::OpenReader => "read",
            Action::NextQuote => "next-quote",
            Action::PreviousQuote => "previous-quote",
            Action::RandomQuote => "random-quote",
            Action::WiderColumn => "wider",
            Action::NarrowerColumn => "narrower",
            Action::ResetColumn => "reset-width",
            Action::Yank(Yank::Text) => "yank-text",
            Action::Yank(Yank::Link) => "yank-link",
            Action::Yank(Yank::Url) => "yank-url",
            Action::Yank(Yank::Id) => "yank-id",
            Action::OpenUrl => "open-url",
            Action::ShowDetails => "details",
            Action::CycleTheme => "next-theme",
            // ----- issue #16 -----
            Action::Mark => "mark",
            Action::Collect => "collect",
            Action::ShowCollections => "pane-collections",
            Action::MoveEntryDown => "move-down",
            Action::MoveEntryUp => "move-up",
            Action::EditNote => "note",
            Action::RemoveEntry => "remove",
            Action::ExportCollection => "export",
            Action::ShowTrail => "history",
            // ----- issue #12 -----
            Action::NextSection => "next-section",
            Action::PreviousSection => "previous-section",
            Action::CycleOrder => "cycle-order",
        };
        Some(Cow::Borrowed(name))
    }

    /// What the action does, in a few words, wherever it applies (help describes each
    /// binding in its context more precisely).
    pub fn describe(self) -> Cow<'static, str> {
        let text = match self {
            Action::SelectNext => "move down: next record, link or line",
            Action::SelectPrevious => "move up: previous record, link or line",
            Action::SelectFirst => "go to the top (with a count: to row N)",
            Action::SelectLast => "go to the bottom (with a count: to row N)",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "a page down",
            Action::PageUp => "a page up",
            Action::NextPane => "next pane",
            Action::PreviousPane => "previous pane",
            Action::ShowPane(pane) => return Cow::Owned(format!("show the {} pane", pane.title())),
            Action::FocusList => "back to the list",
            Action::Open => "open the selected record or follow the selected link",
            Action::Back => "back in history",
            Action::Forward => "forward in history",
            Action::ToggleHelp => "open or close help",
            Action::Cancel => "close the top layer",
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg comes back)",
            Action::StartFilter => "filter this pane as you type",
            Action::StartGlobalSearch => "search everything as you type",
            Action::OpenPalette => "the command palette",
            Action::InsertChar(_) => "type a character",
            Action::GoTo(_) => "go to row N",
            Action::SetColumn(_) => "set the reader's column width",
            Action::SetTheme(_) => "use a colour theme",
            Action::Visit(_) => "open a record",
            Action::ExportNamed(_) => "export a collection by name",
            Action::SetOrder(_) => "put the list in an order",
            Action::Complete => "complete the command or its argument",
            Action::DeleteCharBefore => "delete the character before the cursor",
            Action::DeleteCharAfter => "delete the character under the cursor",
            Action::DeleteToStart => "delete to the start",
            Action::DeleteToEnd => "delete to the end",
            Action::DeleteWordBefore => "delete the word before the cursor",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorStart => "cursor to the start",
            Action::CursorEnd => "cursor to the end",
            Action::CursorWordLeft => "cursor a word left",
            Action::CursorWordRight => "cursor a word right",
            Action::HistoryPrevious => "the previous query",
            Action::HistoryNext => "the next query",
            Action::NextFacet => "search only the next kind",
            Action::PreviousFacet => "search only the previous kind",
            Action::ToggleExact => "toggle exact matching (no fuzzy)",
            Action::NextMatch => "open the next result of the last search",
            Action::PreviousMatch => "open the previous result of the last search",
            Action::OpenReader => "read the quote full-screen",
            Action::NextQuote => "reader: next quote of the collection",
            Action::PreviousQuote => "reader: previous quote of the collection",
            Action::RandomQuote => "reader: a random quote of the collection",
            Action::WiderColumn => "reader: wider text column",
            // ----- issue #12 -----
            Action::NextSection => "next section of a detail, or next decade in the Timeline",
            Action::PreviousSection => "previous section of a detail, or previous decade in the Timeline",
            Action::CycleOrder => "cycle the list's order (dataset, name, most quoted, episode, date)",
            Action::NarrowerColumn => "reader: narrower text column",
            Action::ResetColumn => "reader: default text column",
            Action::Yank(Yank::Text) => "copy the text (a quote with its citation, a record's title)",
            Action::Yank(Yank::Link) => "copy the deep link (person:dr-dre)",
            Action::Yank(Yank::Url) => "copy the URL of the selected or first source",
            Action::Yank(Yank::Id) => "copy the id",
            Action::OpenUrl => "open the selected or first source's URL in the browser",
            Action::ShowDetails => "the record's detail page",
            Action::CycleTheme => "the next colour theme",
            // ----- issue #16 -----
            Action::Mark => "mark or unmark the record (the collection \"marked\")",
            Action::Collect => "add the record to a named collection",
            Action::ShowCollections => "show the Collections pane",
            Action::MoveEntryDown => "collections: move the record down",
            Action::MoveEntryUp => "collections: move the record up",
            Action::EditNote => "collections: write or edit the record's note",
            Action::RemoveEntry => "collections: take the record out",
            Action::ExportCollection => "export the collection as Markdown (the pane's, else marked)",
            Action::ShowTrail => "records visited, across runs",
        };
        Cow::Borrowed(text)
    }

    /// Every action a key can be bound to, in a stable order (the palette lists them so).
    pub fn bindable() -> Vec<Action> {
        let mut all = vec![
            Action::SelectNext,
            Action::SelectPrevious,
            Action::SelectFirst,
            Action::SelectLast,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::PageDown,
            Action::PageUp,
            Action::NextPane,
            Action::PreviousPane,
        ];
        all.extend(Pane::ALL.iter().map(|&pane| Action::ShowPane(pane)));
        all.extend([
            // ----- issue #12 -----
            Action::NextSection,
            Action::PreviousSection,
            Action::CycleOrder,
            Action::FocusList,
            Action::Open,
            Action::Back,
            Action::Forward,
            Action::ToggleHelp,
            Action::Cancel,
            Action::Quit,
            Action::Suspend,
            Action::StartFilter,
            Action::StartGlobalSearch,
            Action::OpenPalette,
            Action::DeleteCharBefore,
            Action::DeleteCharAfter,
            Action::DeleteToStart,
            Action::DeleteToEnd,
            Action::DeleteWordBefore,
            Action::CursorLeft,
            Action::CursorRight,
            Action::CursorStart,
            Action::CursorEnd,
            Action::CursorWordLeft,
            Action::CursorWordRight,
            Action::HistoryPrevious,
            Action::HistoryNext,
            Action::NextFacet,
            Action::PreviousFacet,
            Action::ToggleExact,
            Action::NextMatch,
            Action::PreviousMatch,
            Action::OpenReader,
            Action::NextQuote,
            Action::PreviousQuote,
            Action::RandomQuote,
            Action::WiderColumn,
            Action::NarrowerColumn,
            Action::ResetColumn,
            Action::Yank(Yank::Text),
            Action::Yank(Yank::Link),
            Action::Yank(Yank::Url),
            Action::Yank(Yank::Id),
            Action::OpenUrl,
            Action::ShowDetails,
            Action::CycleTheme,
            Action::Complete,
            // ----- issue #16 -----
            Action::Mark,
            Action::Collect,
            Action::ShowCollections,
            Action::MoveEntryDown,
            Action::MoveEntryUp,
            Action::EditNote,
            Action::RemoveEntry,
            Action::ExportCollection,
            Action::ShowTrail,
        ]);
        all
    }

    /// The action a config file or the palette names (`"down"`; `"none"` is not an action).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::bindable().into_iter().find(|action| action.name().as_deref() == Some(name))
    }

    /// Every action name, for suggestions when one is misspelt.
    pub fn names() -> Vec<String> {
        Action::bindable().into_iter().filter_map(|a| a.name().map(Cow::into_owned)).collect()
    }
}

/// A pane as the config and the palette name it: `episodes`, `quotes`.
pub fn pane_slug(pane: Pane) -> String {
    pane.title().to_ascii_lowercase().replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::BINDINGS;

    #[test]
    fn every_bound_action_has_a_name_that_reads_back() {
        for binding in BINDINGS.iter().chain(crate::app::keymap_kept::BINDINGS) {
            let name = binding.action.name().unwrap_or_else(|| panic!("{:?} has no name", binding.action));
            assert_eq!(Action::from_name(&name), Some(binding.action), "{name}");
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names = Action::names();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
