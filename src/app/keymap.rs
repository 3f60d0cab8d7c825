//! The key table: one list of bindings drives dispatch, the status-bar hints and the help
//! overlay, so what the help says is always what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Pane};

/// Which set of keys applies, from the innermost layer the user is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Moving in a list of records.
    List,
    /// Reading a record and choosing links.
    Detail,
    /// Typing a filter over the focused pane (`/`).
    Filter,
    /// Typing a search over every kind (`s`).
    Search,
    /// Reading a quote full-screen.
    Reader,
    /// The help overlay is open.
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::List => "List",
            Context::Detail => "Detail",
            Context::Filter => "Filter",
            Context::Search => "Search",
            Context::Reader => "Reader",
            Context::Help => "Help",
        }
    }
}

/// A key with its modifiers, comparable with crossterm's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

impl Key {
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
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// One row of the table: keys, what they do, where, and how help describes them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: &'static str,
    /// Short text for the status bar; `None` keeps the binding out of the hints.
    pub hint: Option<&'static str>,
}

use Context::{Detail, Filter, Help, List, Reader, Search};
const BROWSE: &[Context] = &[List, Detail];
const EVERYWHERE: &[Context] = &[List, Detail, Help];
/// Typing a query: a pane filter or a global search.
const TYPING: &[Context] = &[Filter, Search];
/// Only the global search has kind facets.
const GLOBAL_SEARCH: &[Context] = &[Search];
const READER: &[Context] = &[Reader];

/// The default key table (UX.md §4.3).
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::SelectNext,
        contexts: &[List],
        help: "next record",
        hint: Some("move"),
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::SelectPrevious,
        contexts: &[List],
        help: "previous record",
        hint: None,
    },
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::SelectNext,
        contexts: &[Detail],
        help: "next link (scrolls at the ends)",
        hint: Some("links"),
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::SelectPrevious,
        contexts: &[Detail],
        help: "previous link",
        hint: None,
    },
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::SelectNext,
        contexts: &[Help],
        help: "scroll down",
        hint: None,
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::SelectPrevious,
        contexts: &[Help],
        help: "scroll up",
        hint: None,
    },
    Binding {
        keys: &[ch('g'), plain(KeyCode::Home)],
        action: Action::SelectFirst,
        contexts: EVERYWHERE,
        help: "go to the top",
        hint: None,
    },
    Binding {
        keys: &[ch('G'), plain(KeyCode::End)],
        action: Action::SelectLast,
        contexts: EVERYWHERE,
        help: "go to the bottom",
        hint: None,
    },
    Binding {
        keys: &[ctrl('d')],
        action: Action::HalfPageDown,
        contexts: EVERYWHERE,
        help: "half a page down",
        hint: None,
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::HalfPageUp,
        contexts: EVERYWHERE,
        help: "half a page up",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageDown), ctrl('f')],
        action: Action::PageDown,
        contexts: EVERYWHERE,
        help: "a page down",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageUp), ctrl('b')],
        action: Action::PageUp,
        contexts: EVERYWHERE,
        help: "a page up",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[List],
        help: "open the record (a quote opens in the reader)",
        hint: Some("open"),
    },
    Binding {
        keys: &[ch('l'), plain(KeyCode::Right)],
        action: Action::ShowDetails,
        contexts: &[List, Detail],
        help: "open the record's detail page (follow the link as a page)",
        hint: None,
    },
    Binding {
        keys: &[ch('r')],
        action: Action::OpenReader,
        contexts: BROWSE,
        help: "read the quote full-screen",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Detail],
        help: "follow the selected link",
        hint: Some("follow"),
    },
    Binding {
        keys: &[ch('h'), plain(KeyCode::Left)],
        action: Action::FocusList,
        contexts: &[Detail],
        help: "back to the list",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Backspace), alt(KeyCode::Left)],
        action: Action::Back,
        contexts: BROWSE,
        help: "back in history",
        hint: Some("back"),
    },
    Binding {
        keys: &[alt(KeyCode::Right)],
        action: Action::Forward,
        contexts: BROWSE,
        help: "forward in history",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::NextPane,
        contexts: BROWSE,
        help: "next pane",
        hint: Some("pane"),
    },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        action: Action::PreviousPane,
        contexts: BROWSE,
        help: "previous pane",
        hint: None,
    },
    Binding {
        keys: &[ch('1')],
        action: Action::ShowPane(Pane::Episodes),
        contexts: BROWSE,
        help: "Episodes pane",
        hint: None,
    },
    Binding {
        keys: &[ch('2')],
        action: Action::ShowPane(Pane::Themes),
        contexts: BROWSE,
        help: "Themes pane",
        hint: None,
    },
    Binding {
        keys: &[ch('3')],
        action: Action::ShowPane(Pane::People),
        contexts: BROWSE,
        help: "People pane",
        hint: None,
    },
    Binding {
        keys: &[ch('4')],
        action: Action::ShowPane(Pane::Footage),
        contexts: BROWSE,
        help: "Footage pane",
        hint: None,
    },
    Binding {
        keys: &[ch('5')],
        action: Action::ShowPane(Pane::Quotes),
        contexts: BROWSE,
        help: "Quotes pane",
        hint: None,
    },
    // ----- issue #12 (the story): the Overview and the Timeline panes -----
    Binding {
        keys: &[ch('0')],
        action: Action::ShowPane(Pane::Overview),
        contexts: BROWSE,
        help: "Overview: the series, who speaks, what each part covers",
        hint: None,
    },
    Binding {
        keys: &[ch('6')],
        action: Action::ShowPane(Pane::Timeline),
        contexts: BROWSE,
        help: "Timeline pane: the events by year",
        hint: None,
    },
    Binding {
        keys: &[ch(']')],
        action: Action::NextSection,
        contexts: BROWSE,
        help: "next decade (Timeline) or next section of a detail",
        hint: None,
    },
    Binding {
        keys: &[ch('[')],
        action: Action::PreviousSection,
        contexts: BROWSE,
        help: "previous decade (Timeline) or previous section of a detail",
        hint: None,
    },
    Binding {
        keys: &[ch('o')],
        action: Action::CycleOrder,
        contexts: &[List],
        help: "cycle the list's order (dataset, name, most quotes/links, episode, date)",
        hint: None,
    },
    // ----- end of issue #12's keys -----
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Cancel,
        contexts: &[Detail],
        help: "close the detail",
        hint: None,
    },
    Binding {
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::ToggleHelp,
        contexts: BROWSE,
        help: "help",
        hint: Some("help"),
    },
    Binding {
        keys: &[ch('?'), plain(KeyCode::Esc), ch('q'), plain(KeyCode::F(1))],
        action: Action::ToggleHelp,
        contexts: &[Help],
        help: "close help",
        hint: Some("close"),
    },
    Binding { keys: &[ch('q')], action: Action::Quit, contexts: BROWSE, help: "quit", hint: Some("quit") },
    Binding { keys: &[ctrl('c')], action: Action::Quit, contexts: EVERYWHERE, help: "quit", hint: None },
    Binding {
        keys: &[ctrl('z')],
        action: Action::Suspend,
        contexts: &[List, Detail, Help, Filter, Search, Reader],
        help: "suspend to the shell (fg comes back)",
        hint: None,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::StartFilter,
        contexts: BROWSE,
        help: "filter this pane as you type",
        hint: Some("filter"),
    },
    Binding {
        keys: &[ch('s')],
        action: Action::StartGlobalSearch,
        contexts: BROWSE,
        help: "search everything as you type",
        hint: Some("search"),
    },
    Binding {
        keys: &[ch('n')],
        action: Action::NextMatch,
        contexts: BROWSE,
        help: "open the next result of the last search",
        hint: None,
    },
    Binding {
        keys: &[ch('N')],
        action: Action::PreviousMatch,
        contexts: BROWSE,
        help: "open the previous result of the last search",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Down), ctrl('n'), ctrl('j')],
        action: Action::SelectNext,
        contexts: TYPING,
        help: "next result",
        hint: Some("move"),
    },
    Binding {
        keys: &[plain(KeyCode::Up), ctrl('p')],
        action: Action::SelectPrevious,
        contexts: TYPING,
        help: "previous result",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageDown)],
        action: Action::PageDown,
        contexts: TYPING,
        help: "a page of results down",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        action: Action::PageUp,
        contexts: TYPING,
        help: "a page of results up",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: TYPING,
        help: "open the selected result",
        hint: Some("open"),
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Cancel,
        contexts: TYPING,
        help: "close the search, back to where you were",
        hint: Some("cancel"),
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::NextFacet,
        contexts: GLOBAL_SEARCH,
        help: "only the next kind",
        hint: Some("kind"),
    },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        action: Action::PreviousFacet,
        contexts: GLOBAL_SEARCH,
        help: "only the previous kind",
        hint: None,
    },
    Binding {
        keys: &[ctrl('x')],
        action: Action::ToggleExact,
        contexts: TYPING,
        help: "toggle exact matching (no fuzzy)",
        hint: Some("exact"),
    },
    Binding {
        keys: &[plain(KeyCode::Backspace)],
        action: Action::DeleteCharBefore,
        contexts: TYPING,
        help: "delete the character before the cursor",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Delete), ctrl('d')],
        action: Action::DeleteCharAfter,
        contexts: TYPING,
        help: "delete the character under the cursor",
        hint: None,
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::DeleteToStart,
        contexts: TYPING,
        help: "delete to the start (all of it at the end)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('k')],
        action: Action::DeleteToEnd,
        contexts: TYPING,
        help: "delete to the end",
        hint: None,
    },
    Binding {
        keys: &[ctrl('w'), alt(KeyCode::Backspace)],
        action: Action::DeleteWordBefore,
        contexts: TYPING,
        help: "delete the word before the cursor",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('b')), Key { code: KeyCode::Left, modifiers: KeyModifiers::CONTROL }],
        action: Action::CursorWordLeft,
        contexts: TYPING,
        help: "cursor a word left",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('f')), Key { code: KeyCode::Right, modifiers: KeyModifiers::CONTROL }],
        action: Action::CursorWordRight,
        contexts: TYPING,
        help: "cursor a word right",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Up)],
        action: Action::HistoryPrevious,
        contexts: TYPING,
        help: "the previous query of this run",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Down)],
        action: Action::HistoryNext,
        contexts: TYPING,
        help: "the next query of this run",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        action: Action::CursorLeft,
        contexts: TYPING,
        help: "cursor left",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Right)],
        action: Action::CursorRight,
        contexts: TYPING,
        help: "cursor right",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Home), ctrl('a')],
        action: Action::CursorStart,
        contexts: TYPING,
        help: "cursor to the start",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::End), ctrl('e')],
        action: Action::CursorEnd,
        contexts: TYPING,
        help: "cursor to the end",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::F(1))],
        action: Action::ToggleHelp,
        contexts: TYPING,
        help: "help",
        hint: Some("help"),
    },
    Binding { keys: &[ctrl('c')], action: Action::Quit, contexts: TYPING, help: "quit", hint: None },
    Binding {
        keys: &[ch('n'), ch('l'), plain(KeyCode::Right)],
        action: Action::NextQuote,
        contexts: READER,
        help: "next quote of the collection",
        hint: Some("next"),
    },
    Binding {
        keys: &[ch('p'), ch('h'), plain(KeyCode::Left)],
        action: Action::PreviousQuote,
        contexts: READER,
        help: "previous quote of the collection",
        hint: Some("prev"),
    },
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::SelectNext,
        contexts: READER,
        help: "scroll down",
        hint: None,
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::SelectPrevious,
        contexts: READER,
        help: "scroll up",
        hint: None,
    },
    Binding {
        keys: &[ch(' '), plain(KeyCode::PageDown), ctrl('f')],
        action: Action::PageDown,
        contexts: READER,
        help: "a page down",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageUp), ctrl('b')],
        action: Action::PageUp,
        contexts: READER,
        help: "a page up",
        hint: None,
    },
    Binding {
        keys: &[ctrl('d')],
        action: Action::HalfPageDown,
        contexts: READER,
        help: "half a page down (as everywhere else)",
        hint: None,
    },
    Binding { keys: &[ctrl('u')], action: Action::HalfPageUp, contexts: READER, help: "half a page up", hint: None },
    Binding {
        keys: &[ch('g'), plain(KeyCode::Home)],
        action: Action::SelectFirst,
        contexts: READER,
        help: "top of the quote",
        hint: None,
    },
    Binding {
        keys: &[ch('G'), plain(KeyCode::End)],
        action: Action::SelectLast,
        contexts: READER,
        help: "end of the quote",
        hint: None,
    },
    Binding {
        keys: &[ch('+')],
        action: Action::WiderColumn,
        contexts: READER,
        help: "wider text column",
        hint: Some("width"),
    },
    Binding {
        keys: &[ch('-')],
        action: Action::NarrowerColumn,
        contexts: READER,
        help: "narrower text column",
        hint: None,
    },
    Binding {
        keys: &[ch('=')],
        action: Action::ResetColumn,
        contexts: READER,
        help: "default text column (66)",
        hint: None,
    },
    Binding {
        keys: &[ch('R')],
        action: Action::RandomQuote,
        contexts: READER,
        help: "a random quote of the collection",
        hint: Some("random"),
    },
    Binding {
        keys: &[ch('y')],
        action: Action::CopyQuote,
        contexts: READER,
        help: "copy the quote with its citation (Markdown)",
        hint: Some("copy"),
    },
    Binding {
        keys: &[ch('Y')],
        action: Action::CopyLink,
        contexts: READER,
        help: "copy the link quote:ID",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter), ch('i')],
        action: Action::ShowDetails,
        contexts: READER,
        help: "the quote's detail page",
        hint: Some("details"),
    },
    Binding {
        keys: &[plain(KeyCode::Esc), ch('q')],
        action: Action::Cancel,
        contexts: READER,
        help: "close the reader, back to where you were",
        hint: Some("close"),
    },
    Binding {
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::ToggleHelp,
        contexts: READER,
        help: "help",
        hint: Some("help"),
    },
    Binding { keys: &[ctrl('c')], action: Action::Quit, contexts: READER, help: "quit", hint: None },
];

/// Normalise a key event the way terminals differ: an uppercase letter implies Shift, so
/// Shift is dropped from characters and `G` is `G` whether or not Shift was reported.
fn normalise(event: KeyEvent) -> Key {
    let mut modifiers = event.modifiers;
    if let KeyCode::Char(_) = event.code {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    if event.code == KeyCode::BackTab {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key { code: event.code, modifiers }
}

/// The action bound to a key in a context, if any. While searching, any other printable
/// character is typed into the query.
pub fn resolve(context: Context, event: KeyEvent) -> Option<Action> {
    let key = normalise(event);
    let bound = BINDINGS.iter().find(|b| b.contexts.contains(&context) && b.keys.contains(&key));
    match (bound, context, key.code) {
        (Some(binding), _, _) => Some(binding.action),
        (None, Filter | Search, KeyCode::Char(c))
            if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::InsertChar(c))
        }
        _ => None,
    }
}

/// Status-bar hints for a context: (keys, short text), in table order.
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .filter_map(|b| b.hint.map(|hint| (key_labels(b.keys, 2), hint)))
        .collect()
}

/// Every binding of a context for the help overlay: (keys, description).
pub fn help(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS.iter().filter(|b| b.contexts.contains(&context)).map(|b| (key_labels(b.keys, 3), b.help)).collect()
}

/// The keys bound to `action` in `context`, as help writes them (`Ctrl-e`).
pub fn keys_for(action: &Action, context: Context) -> Option<String> {
    BINDINGS.iter().find(|b| b.contexts.contains(&context) && &b.action == action).map(|b| key_labels(b.keys, 3))
}

fn key_labels(keys: &[Key], at_most: usize) -> String {
    keys.iter().take(at_most).map(|k| k.label()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [List, Detail, Filter, Search, Reader, Help] {
            let mut seen: Vec<Key> = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for key in binding.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice in {context:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_resolve_without_shift() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(resolve(List, shifted), Some(Action::SelectLast));
    }

    #[test]
    fn help_lists_every_binding_of_the_context() {
        let count = BINDINGS.iter().filter(|b| b.contexts.contains(&Detail)).count();
        assert_eq!(help(Detail).len(), count);
        assert!(hints(List).iter().any(|(keys, hint)| keys == "?/F1" && *hint == "help"));
    }
}
