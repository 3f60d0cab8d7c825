//! The palette's rows: the commands (every named action of the key table, and the commands
//! that take an argument), the records the search found, and how a typed line ranks them.

use super::super::Action;
use super::super::bindings::Keymap;
use super::super::picker::{Shown, matches};
use crate::data::{Dataset, RecordRef};

/// A command that takes an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Open,
    Pane,
    Width,
    Theme,
    Export,
    Sort,
}

impl Command {
    pub(super) const ALL: [Command; 6] =
        [Command::Open, Command::Pane, Command::Width, Command::Theme, Command::Export, Command::Sort];

    pub fn name(self) -> &'static str {
        match self {
            Command::Open => "open",
            Command::Pane => "pane",
            Command::Width => "width",
            Command::Theme => "theme",
            Command::Export => "export",
            Command::Sort => "sort",
        }
    }

    pub(super) fn usage(self) -> &'static str {
        match self {
            Command::Open => "open KIND:ID — open a record by its link",
            Command::Pane => "pane NAME — show a pane",
            Command::Width => "width N — the reader's text column, in columns",
            Command::Theme => "theme NAME — dark, light or high-contrast",
            Command::Export => "export NAME — a collection as a Markdown quote sheet",
            Command::Sort => "sort ORDER — the list by dataset, name, most, episode or date",
        }
    }
}

/// One row of the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub key: String,
    pub what: String,
    pub pick: Pick,
}

/// What choosing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Run(Action),
    /// Put `name ` in the prompt, to type or complete the argument.
    Argument(Command),
}

/// Match `needle` against each row's title, and against what it does at a third of the
/// weight (so `dre` finds Dr. Dre before a command whose description mentions `dr-dre`).
/// Positions count over "title what", as the view draws them.
pub(super) fn rank(needle: &str, entries: &[Entry]) -> Vec<Shown> {
    let by_title = matches(needle, entries.iter().map(|e| e.title.as_str()));
    if needle.is_empty() {
        return by_title;
    }
    let mut best: Vec<Option<Shown>> = vec![None; entries.len()];
    for shown in by_title {
        let item = shown.item;
        best[item] = Some(shown);
    }
    for mut shown in matches(needle, entries.iter().map(|e| e.what.as_str())) {
        shown.score /= 3;
        let offset = entries[shown.item].title.chars().count() + 1;
        shown.positions.iter_mut().for_each(|p| *p += offset);
        let item = shown.item;
        if best[item].as_ref().is_none_or(|b| b.score < shown.score) {
            best[item] = Some(shown);
        }
    }
    best.into_iter().flatten().collect()
}

/// A record's row: `person: Dr. Dre`, its link on the right.
pub(super) fn record_entry(data: &Dataset, record: RecordRef) -> Entry {
    let label = crate::text::truncate_to_width(&data.label(record), 100);
    Entry {
        title: format!("{}: {label}", record.kind.name()),
        key: String::new(),
        what: data.deep_link(record),
        pick: Pick::Run(Action::Visit(record)),
    }
}

/// The palette's command rows: every action a user would run by name (not the prompt's
/// editing keys), then the commands with an argument.
pub(super) fn commands(keys: &Keymap) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Action::bindable()
        .into_iter()
        .filter(|a| !is_editing(*a))
        // `open` and `export` take an argument here (`open person:dr-dre`, `export sheet`);
        // the keys' `open` and `export` act on what is selected, which the palette covers.
        .filter(|a| !matches!(a, Action::Open | Action::ExportCollection))
        .filter_map(|action| {
            let name = action.name()?;
            Some(Entry {
                title: name.into_owned(),
                key: keys.first_key(action).unwrap_or_default(),
                what: action.describe().into_owned(),
                pick: Pick::Run(action),
            })
        })
        .collect();
    entries.extend(Command::ALL.into_iter().map(|command| Entry {
        title: command.name().into(),
        key: String::new(),
        what: command.usage().into(),
        pick: Pick::Argument(command),
    }));
    entries
}

/// Actions that only make sense while typing in a prompt.
fn is_editing(action: Action) -> bool {
    matches!(
        action,
        Action::DeleteCharBefore
            | Action::DeleteCharAfter
            | Action::DeleteToStart
            | Action::DeleteToEnd
            | Action::DeleteWordBefore
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::CursorWordLeft
            | Action::CursorWordRight
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::Complete
            | Action::Cancel
            | Action::OpenPalette
    )
}
