//! What reaches `App::update`: an [`Action`] the user asked for with a key (the key table
//! binds these, and help describes them), or an [`Internal`] message from the terminal or
//! the search worker. Only actions clear the status line, so a resize, a mouse move or a
//! partial search result never wipes a message the user has not read.

use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use super::{Pane, Theme};
use crate::data::RecordRef;
use crate::search::Hit;

/// A user intent that a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move down one row (list) or to the next link (detail).
    SelectNext,
    /// Move up one row (list) or to the previous link (detail).
    SelectPrevious,
    /// Jump to the first row or the top of the detail.
    SelectFirst,
    /// Jump to the last row or the bottom of the detail.
    SelectLast,
    /// Move down half a screen.
    HalfPageDown,
    /// Move up half a screen.
    HalfPageUp,
    /// Move down a whole screen.
    PageDown,
    /// Move up a whole screen.
    PageUp,
    /// Show the next pane (Episodes → Themes → …).
    NextPane,
    /// Show the previous pane.
    PreviousPane,
    /// Show one pane by name.
    ShowPane(Pane),
    /// Jump to the next section of a detail (a heading), or the next decade in the Timeline.
    NextSection,
    /// Jump to the previous section of a detail, or the previous decade in the Timeline.
    PreviousSection,
    /// Cycle the list's order: the dataset's, by name, by count, by episode, by date.
    CycleOrder,
    /// Put the list in one order (`:sort name`).
    SetOrder(super::order::Order),
    /// Move focus to the list (left).
    FocusList,
    /// Open the selected record (list) or follow the selected link (detail).
    Open,
    /// Go back in history, like a browser.
    Back,
    /// Go forward in history.
    Forward,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Close the top layer (help, detail); never quits.
    Cancel,
    /// Leave the app.
    Quit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back where you were.
    Suspend,
    /// Filter the focused pane as you type (`/`).
    StartFilter,
    /// Search every kind of record as you type (`s`).
    StartGlobalSearch,
    /// Type a character into the search box.
    InsertChar(char),
    /// Delete the character before the search cursor.
    DeleteCharBefore,
    /// Delete the character under the search cursor.
    DeleteCharAfter,
    /// Delete from the start of the query to the cursor.
    DeleteToStart,
    /// Delete from the cursor to the end of the query.
    DeleteToEnd,
    /// Delete the word before the cursor.
    DeleteWordBefore,
    /// Move the search cursor left.
    CursorLeft,
    /// Move the search cursor right.
    CursorRight,
    /// Move the search cursor to the start.
    CursorStart,
    /// Move the search cursor to the end.
    CursorEnd,
    /// Move the search cursor to the start of the previous word.
    CursorWordLeft,
    /// Move the search cursor past the next word.
    CursorWordRight,
    /// Put the previous query of this run in the prompt.
    HistoryPrevious,
    /// Put the next query of this run in the prompt.
    HistoryNext,
    /// Narrow global search to the next kind (All → Episodes → …).
    NextFacet,
    /// Narrow global search to the previous kind.
    PreviousFacet,
    /// Switch between fuzzy and exact matching.
    ToggleExact,
    /// Open the next result of the last search.
    NextMatch,
    /// Open the previous result of the last search.
    PreviousMatch,
    /// Read the selected quote full-screen.
    OpenReader,
    /// Reader: the next quote of the collection.
    NextQuote,
    /// Reader: the previous quote of the collection.
    PreviousQuote,
    /// Reader: a random quote of the collection.
    RandomQuote,
    /// Reader: a wider text column.
    WiderColumn,
    /// Reader: a narrower text column.
    NarrowerColumn,
    /// Reader: the default column width.
    ResetColumn,
    /// Copy something about what is selected (the yank menu, `y`).
    Yank(Yank),
    /// Open the selected source's URL (or the record's first) with the system opener.
    OpenUrl,
    /// The command palette (`:`).
    OpenPalette,
    /// Go to row (or line, or link) N, counted from 1: a count before `G`, or `:N`.
    GoTo(u32),
    /// Reader: set the text column to a width (`:width 72`).
    SetColumn(u16),
    /// The next colour theme (dark → light → high contrast).
    CycleTheme,
    /// Use one colour theme (`:theme light`).
    SetTheme(Theme),
    /// Open a record's detail (`:open person:dr-dre`, a record picked in the palette).
    Visit(RecordRef),
    /// Complete the palette's command or its argument (Tab).
    Complete,
    /// Reader: the quote's detail page.
    ShowDetails,
    // ----- issue #16: marks, collections and history -----
    /// Mark or unmark the record in the collection `marked`.
    Mark,
    /// Add the record to a named collection (a prompt with completion).
    Collect,
    /// Show the Collections pane.
    ShowCollections,
    /// Collections: move the record one place down.
    MoveEntryDown,
    /// Collections: move the record one place up.
    MoveEntryUp,
    /// Collections: write or edit the record's one-line note.
    EditNote,
    /// Collections: take the record out of the collection.
    RemoveEntry,
    /// Collections: export the collection as a Markdown quote sheet.
    ExportCollection,
    /// Export the collection at this place in the saved list (`:export NAME`).
    ExportNamed(u16),
    /// Open the list of records visited, in this run and before.
    ShowTrail,
    // ----- end of issue #16 (the prompt's Tab is `Complete`, as in the palette) -----
}

/// What the yank menu copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Yank {
    /// The text: a quote's Markdown citation, a record's title.
    Text,
    /// The deep link, `person:dr-dre`.
    Link,
    /// The URL of the selected source, or the record's first source.
    Url,
    /// The record's id.
    Id,
}

/// A message that does not come from the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Internal {
    /// The terminal changed size.
    Resized { width: u16, height: u16 },
    /// A mouse button was pressed at a cell.
    Clicked { column: u16, row: u16 },
    /// The wheel turned over a cell (negative = up).
    Scrolled { column: u16, row: u16, lines: i16 },
    /// The search worker has (partial or final) results for a query.
    SearchFinished { generation: u64, hits: Arc<Vec<Hit>>, done: bool },
    /// Text pasted into the terminal (bracketed paste): typed, but in one step.
    Pasted(String),
    /// Something the run loop has to tell the user (an opener that could not start, a
    /// failed save, where an export went).
    Notice(String),
    /// The Overview's charts and the Timeline, made off the UI thread.
    StoryCounted(Arc<super::Story>),
    /// Saving failed: state is kept in memory only from now on.
    PersistenceFailed(String),
}

/// Anything `App::update` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A key press, resolved through the key table in force (with a pending prefix key or
    /// count, so `g g` and `5 j` work).
    Key(KeyEvent),
    Action(Action),
    Internal(Internal),
}

impl Message {
    /// Whether the user typed it: a key's action or a paste (a resize, the mouse or a
    /// search result is not).
    pub fn is_typing(&self) -> bool {
        matches!(self, Message::Key(_) | Message::Action(_) | Message::Internal(Internal::Pasted(_)))
    }
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Message::Action(action)
    }
}

impl From<KeyEvent> for Message {
    fn from(key: KeyEvent) -> Self {
        Message::Key(key)
    }
}

impl From<Internal> for Message {
    fn from(internal: Internal) -> Self {
        Message::Internal(internal)
    }
}
