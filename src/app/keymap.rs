//! The key table: one list of bindings drives dispatch, the status-bar hints and the help
//! overlay, so what the help says is always what the keys do.

use ratatui::crossterm::event::KeyCode;

pub use super::keys::{Chord, Key, alt, ch, ctrl, ctrl_code, plain, seq};
use super::{Action, Pane, Yank};

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
    /// The help overlay is open (typing filters it).
    Help,
    /// The command palette is open (`:`).
    Palette,
    // ----- issue #16 -----
    /// The Collections pane (keys it does not bind are the List's).
    Collections,
    /// Typing a collection's name or a note.
    Prompt,
    /// The list of records visited (Ctrl-o), filtered as you type.
    Trail,
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
            Context::Palette => "Palette",
            Context::Collections => "Collections",
            Context::Prompt => "Prompt",
            Context::Trail => "History",
        }
    }

    pub const ALL: [Context; 10] = [
        Context::List,
        Context::Detail,
        Context::Filter,
        Context::Search,
        Context::Reader,
        Context::Help,
        Context::Palette,
        Context::Collections,
        Context::Prompt,
        Context::Trail,
    ];

    /// The name the config file's `[keys.<context>]` uses.
    pub fn name(self) -> &'static str {
        match self {
            Context::List => "list",
            Context::Detail => "detail",
            Context::Filter => "filter",
            Context::Search => "search",
            Context::Reader => "reader",
            Context::Help => "help",
            Context::Palette => "palette",
            Context::Collections => "collections",
            Context::Prompt => "prompt",
            Context::Trail => "history",
        }
    }

    /// Whether a printable key types into a prompt here (a filter, a search, the help
    /// filter, the palette) instead of being a command.
    pub fn types(self) -> bool {
        matches!(
            self,
            Context::Filter | Context::Search | Context::Help | Context::Palette | Context::Prompt | Context::Trail
        )
    }

    /// The context whose keys apply where this one binds none of its own (issue #16).
    pub fn inherits(self) -> Option<Context> {
        match self {
            Context::Collections => Some(Context::List),
            _ => None,
        }
    }
}

/// One row of the table: keys, what they do, where, and how help describes them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Chord],
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: &'static str,
    /// Short text for the status bar; `None` keeps the binding out of the hints.
    pub hint: Option<&'static str>,
}

use Context::{Detail, Filter, Help, List, Palette, Reader, Search};
const BROWSE: &[Context] = &[List, Detail];
/// Where the moves that are not letters also scroll the help.
const EVERYWHERE: &[Context] = &[List, Detail, Help];
/// Typing a query: a pane filter, a global search or a palette command.
const TYPING: &[Context] = &[Filter, Search, Palette];
/// Lists one can type over to narrow them: results, the palette, help.
const PICKING: &[Context] = &[Filter, Search, Palette, Help];
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
        keys: &[seq('g', 'g'), plain(KeyCode::Home)],
        action: Action::SelectFirst,
        contexts: BROWSE,
        help: "go to the top (Ngg: to row N)",
        hint: None,
    },
    Binding {
        keys: &[ch('G'), plain(KeyCode::End), seq('g', 'e')],
        action: Action::SelectLast,
        contexts: BROWSE,
        help: "go to the bottom (NG: to row N)",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Home)],
        action: Action::SelectFirst,
        contexts: &[Help],
        help: "go to the top",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::End)],
        action: Action::SelectLast,
        contexts: &[Help],
        help: "go to the bottom",
        hint: None,
    },
    Binding { keys: &[seq('g', 't')], action: Action::NextPane, contexts: BROWSE, help: "next pane", hint: None },
    Binding {
        keys: &[seq('g', 'T')],
        action: Action::PreviousPane,
        contexts: BROWSE,
        help: "previous pane",
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
        keys: &[ch('?'), plain(KeyCode::Esc), plain(KeyCode::F(1))],
        action: Action::ToggleHelp,
        contexts: &[Help],
        help: "close help",
        hint: Some("close"),
    },
    Binding { keys: &[ch('q')], action: Action::Quit, contexts: BROWSE, help: "quit", hint: Some("quit") },
    Binding { keys: &[ctrl('c')], action: Action::Quit, contexts: EVERYWHERE, help: "quit", hint: None },
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
        keys: &[ctrl('z')],
        action: Action::Suspend,
        contexts: &[List, Detail, Help, Filter, Search, Reader, Palette],
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
        keys: &[ch(':')],
        action: Action::OpenPalette,
        contexts: BROWSE,
        help: "command palette: every action and record by name",
        hint: Some("commands"),
    },
    Binding {
        keys: &[seq('y', 'y')],
        action: Action::Yank(Yank::Text),
        contexts: BROWSE,
        help: "copy the text (a quote with its citation, a record's title)",
        hint: Some("copy…"),
    },
    Binding {
        keys: &[seq('y', 'l')],
        action: Action::Yank(Yank::Link),
        contexts: BROWSE,
        help: "copy the deep link (person:dr-dre)",
        hint: None,
    },
    Binding {
        keys: &[seq('y', 'u')],
        action: Action::Yank(Yank::Url),
        contexts: BROWSE,
        help: "copy the URL of the selected source, or the first source",
        hint: None,
    },
    Binding {
        keys: &[seq('y', 'i')],
        action: Action::Yank(Yank::Id),
        contexts: BROWSE,
        help: "copy the id",
        hint: None,
    },
    Binding {
        keys: &[ch('o')],
        action: Action::OpenUrl,
        contexts: &[Detail],
        help: "open the selected source (or the first) in the browser",
        hint: None,
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
        contexts: PICKING,
        help: "next result",
        hint: Some("move"),
    },
    Binding {
        keys: &[plain(KeyCode::Up), ctrl('p')],
        action: Action::SelectPrevious,
        contexts: PICKING,
        help: "previous result",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageDown)],
        action: Action::PageDown,
        contexts: &[Filter, Search, Palette],
        help: "a page of results down",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        action: Action::PageUp,
        contexts: &[Filter, Search, Palette],
        help: "a page of results up",
        hint: None,
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Filter, Search],
        help: "open the selected result",
        hint: Some("open"),
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Palette],
        help: "run the selected command or open the record",
        hint: Some("run"),
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::Open,
        contexts: &[Help],
        help: "run the selected action",
        hint: Some("run"),
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::Complete,
        contexts: &[Palette],
        help: "complete the command or its argument",
        hint: Some("complete"),
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Cancel,
        contexts: &[Filter, Search],
        help: "close the search, back to where you were",
        hint: Some("cancel"),
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Cancel,
        contexts: &[Palette],
        help: "close the palette",
        hint: Some("close"),
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
        contexts: &[Filter, Search],
        help: "toggle exact matching (no fuzzy)",
        hint: Some("exact"),
    },
    Binding {
        keys: &[plain(KeyCode::Backspace)],
        action: Action::DeleteCharBefore,
        contexts: PICKING,
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
        contexts: PICKING,
        help: "delete the word before the cursor",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('b')), ctrl_code(KeyCode::Left)],
        action: Action::CursorWordLeft,
        contexts: TYPING,
        help: "cursor a word left",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Char('f')), ctrl_code(KeyCode::Right)],
        action: Action::CursorWordRight,
        contexts: TYPING,
        help: "cursor a word right",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Up)],
        action: Action::HistoryPrevious,
        contexts: &[Filter, Search],
        help: "the previous query (of every run, per dataset)",
        hint: None,
    },
    Binding {
        keys: &[alt(KeyCode::Down)],
        action: Action::HistoryNext,
        contexts: &[Filter, Search],
        help: "the next query",
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
        keys: &[seq('g', 'g'), plain(KeyCode::Home)],
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
        help: "default text column (66, or the config's reader-width)",
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
        keys: &[seq('y', 'y')],
        action: Action::Yank(Yank::Text),
        contexts: READER,
        help: "copy the quote with its citation (Markdown)",
        hint: Some("copy…"),
    },
    Binding {
        keys: &[seq('y', 'l'), ch('Y')],
        action: Action::Yank(Yank::Link),
        contexts: READER,
        help: "copy the link quote:ID",
        hint: None,
    },
    Binding {
        keys: &[seq('y', 'u')],
        action: Action::Yank(Yank::Url),
        contexts: READER,
        help: "copy the source's URL",
        hint: None,
    },
    Binding {
        keys: &[seq('y', 'i')],
        action: Action::Yank(Yank::Id),
        contexts: READER,
        help: "copy the quote's id",
        hint: None,
    },
    Binding {
        keys: &[ch('o')],
        action: Action::OpenUrl,
        contexts: READER,
        help: "open the source in the browser",
        hint: None,
    },
    Binding { keys: &[ch(':')], action: Action::OpenPalette, contexts: READER, help: "command palette", hint: None },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::ALL {
            let mut seen: Vec<Chord> = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for chord in binding.keys {
                    assert!(!seen.contains(chord), "{chord:?} bound twice in {context:?}");
                    seen.push(*chord);
                }
            }
        }
    }

    #[test]
    fn no_prefix_key_is_also_a_command() {
        for context in Context::ALL {
            let chords: Vec<Chord> = BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(&context))
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for prefixed in chords.iter().filter(|c| c.then.is_some()) {
                assert!(!chords.contains(&Chord::single(prefixed.first)), "{prefixed:?} is hidden in {context:?}");
            }
        }
    }

    #[test]
    fn typing_contexts_bind_no_plain_character_but_their_toggle() {
        for context in Context::ALL.into_iter().filter(|c| c.types()) {
            for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for chord in binding.keys {
                    if chord.first.typed_char().is_some() {
                        assert_eq!((context, binding.action), (Help, Action::ToggleHelp), "{chord:?} would not type");
                    }
                }
            }
        }
    }
}
