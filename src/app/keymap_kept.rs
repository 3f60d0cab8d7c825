//! Issue #16's part of the key table (marks, collections, history), kept in its own file
//! so other branches' edits to `keymap.rs` merge cleanly. `bindings::Keymap::default`
//! chains it after the main table; the Collections pane inherits the List keys it does not
//! bind itself.

use ratatui::crossterm::event::KeyCode;

use super::Action;
use super::keymap::{Binding, Context, alt, ch, ctrl, plain};
use Context::{Collections, Detail, Filter, List, Prompt, Reader, Search, Trail};

/// Where a record can be marked with a plain letter.
const ON_A_RECORD: &[Context] = &[List, Detail, Reader, Collections];
/// Typing a line: a collection's name or a note; the history list's filter.
const LINE: &[Context] = &[Prompt, Trail];

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('m')],
        action: Action::Mark,
        contexts: ON_A_RECORD,
        help: "mark or unmark (a detail: the selected link)",
        hint: None,
    },
    Binding {
        keys: &[ch('M')],
        action: Action::Collect,
        contexts: ON_A_RECORD,
        help: "add the record to a named collection",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('m'))],
        action: Action::Mark,
        contexts: &[Filter, Search],
        help: "mark or unmark the selected result",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('M'))],
        action: Action::Collect,
        contexts: &[Filter, Search],
        help: "add the selected result to a named collection",
        hint: None,
    },
    Binding {
        keys: &[ch('7')],
        action: Action::ShowCollections,
        contexts: &[List, Detail, Collections],
        help: "Collections pane",
        hint: None,
    },
    Binding {
        keys: &[ctrl('o')],
        action: Action::ShowTrail,
        contexts: &[List, Detail, Collections],
        help: "records visited, across runs",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Collections],
        help: "open the collection, or the record (quotes in the reader)",
        hint: Some("open"),
    },
    Binding {
        keys: &[ch('J')],
        action: Action::MoveEntryDown,
        contexts: &[Collections],
        help: "move the record down",
        hint: Some("reorder"),
    },
    Binding {
        keys: &[ch('K')],
        action: Action::MoveEntryUp,
        contexts: &[Collections],
        help: "move the record up",
        hint: None,
    },
    Binding {
        keys: &[ch('a')],
        action: Action::EditNote,
        contexts: &[Collections],
        help: "write or edit the record's note",
        hint: Some("note"),
    },
    Binding {
        keys: &[ch('d'), plain(KeyCode::Delete)],
        action: Action::RemoveEntry,
        contexts: &[Collections],
        help: "take the record out of the collection",
        hint: Some("remove"),
    },
    Binding {
        keys: &[ch('E')],
        action: Action::ExportCollection,
        contexts: &[Collections],
        help: "export the collection as Markdown (NAME.md in the current directory)",
        hint: Some("export"),
    },
    Binding {
        keys: &[plain(KeyCode::Esc), ch('h'), plain(KeyCode::Left)],
        action: Action::Cancel,
        contexts: &[Collections],
        help: "back to the list of collections",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Prompt],
        help: "accept",
        hint: Some("accept"),
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::Complete,
        contexts: &[Prompt],
        help: "complete the collection's name",
        hint: Some("complete"),
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Trail],
        help: "go to the record",
        hint: Some("open"),
    },
    Binding {
        keys: &[plain(KeyCode::Down), ctrl('n')],
        action: Action::SelectNext,
        contexts: LINE,
        help: "next",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Up), ctrl('p')],
        action: Action::SelectPrevious,
        contexts: LINE,
        help: "previous",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageDown)],
        action: Action::PageDown,
        contexts: &[Trail],
        help: "a page down",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        action: Action::PageUp,
        contexts: &[Trail],
        help: "a page up",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Cancel,
        contexts: LINE,
        help: "close, changing nothing",
        hint: Some("cancel"),
    },
    Binding {
        keys: &[plain(KeyCode::Backspace)],
        action: Action::DeleteCharBefore,
        contexts: LINE,
        help: "delete the character before the cursor",
        hint: None,
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::DeleteToStart,
        contexts: LINE,
        help: "delete to the start",
        hint: None,
    },
    Binding {
        keys: &[ctrl('w')],
        action: Action::DeleteWordBefore,
        contexts: LINE,
        help: "delete the word before the cursor",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        action: Action::CursorLeft,
        contexts: LINE,
        help: "cursor left",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Right)],
        action: Action::CursorRight,
        contexts: LINE,
        help: "cursor right",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Home), ctrl('a')],
        action: Action::CursorStart,
        contexts: LINE,
        help: "cursor to the start",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::End), ctrl('e')],
        action: Action::CursorEnd,
        contexts: LINE,
        help: "cursor to the end",
        hint: None,
    },
    Binding { keys: &[ctrl('c')], action: Action::Quit, contexts: LINE, help: "quit", hint: None },
];

#[cfg(test)]
mod tests {
    use super::super::keymap;
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_context_with_the_main_table() {
        for context in Context::ALL {
            let mut seen = Vec::new();
            for binding in keymap::BINDINGS.iter().chain(BINDINGS).filter(|b| b.contexts.contains(&context)) {
                for chord in binding.keys {
                    assert!(!seen.contains(chord), "{chord:?} bound twice in {context:?}");
                    seen.push(*chord);
                }
            }
        }
    }

    #[test]
    fn the_collections_pane_has_the_list_keys_it_does_not_bind() {
        let keys = super::super::bindings::Keymap::default();
        let key = |c| super::super::keys::key(KeyCode::Char(c));
        use super::super::bindings::Resolved;
        assert_eq!(keys.resolve(Collections, None, key('J')), Resolved::Action(Action::MoveEntryDown));
        assert_eq!(keys.resolve(Collections, None, key('j')), Resolved::Action(Action::SelectNext), "inherited");
        assert_eq!(keys.resolve(Collections, None, key('q')), Resolved::Action(Action::Quit), "inherited");
        assert_eq!(keys.resolve(Prompt, None, key('q')), Resolved::Action(Action::InsertChar('q')), "typed");
    }
}
