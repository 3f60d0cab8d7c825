//! The command palette (`:`): one list narrowed as you type of every action in the key
//! table (with its key and what it does) and of records ("person: Dr. Dre"), found by the
//! same fuzzy matcher as help, the records by the search engine. Commands that take an
//! argument complete it with Tab: `open person:dr-dre`, `pane quotes`, `width 72`, `theme
//! light`; a number goes to that row. What Enter picks runs as an [`Action`], through the
//! same path as a key.

mod entries;

use std::sync::Arc;

pub use entries::{Command, Entry, Pick};
use entries::{commands, rank, record_entry};

use super::action_name::pane_slug;
use super::bindings::Keymap;
use super::effect::Effect;
use super::picker::{Picker, Shown};
use super::request::{Outbox, Request};
use super::{Action, Pane, Theme};
use crate::data::Dataset;

use crate::search::{Hit, Query};

/// Generations of the palette's record searches start here, far above the search's own
/// counter, so the router knows whose results came back.
pub const FIRST_GENERATION: u64 = 1 << 62;
/// How many records the palette lists at most (the best of the search's ranking).
const MAX_RECORDS: usize = 50;
/// How many earlier commands are kept.
const MAX_HISTORY: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaletteState {
    picker: Picker,
    /// The command rows, built once when the palette opens.
    commands: Vec<Entry>,
    /// What is listed for the current input, and the text each is matched by.
    entries: Vec<Entry>,
    /// Records the search found for the input, best first, as rows; the first may be the
    /// record the input names exactly (`named`).
    records: Vec<Entry>,
    named: bool,
    generation: u64,
    history: Vec<String>,
    /// Where ↑/↓ are in the history, while the prompt shows an entry of it.
    recalled: Option<usize>,
    rows: usize,
    /// The saved collections' names, in order, when the palette opened (`export NAME`).
    collections: Vec<String>,
    /// The kind the shown pane lists, when the palette opened (`sort` names its orders).
    kind: Option<crate::data::Kind>,
}

impl PaletteState {
    pub fn open(&mut self, keys: &Keymap, collections: Vec<String>, kind: crate::data::Kind) {
        self.commands = commands(keys);
        self.collections = collections;
        self.kind = Some(kind);
        self.picker = Picker::default();
        self.records.clear();
        self.recalled = None;
        self.relist();
    }

    pub fn query(&self) -> (&str, usize) {
        (self.picker.query(), self.picker.cursor())
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn shown(&self) -> &[Shown] {
        self.picker.shown()
    }

    pub fn selected(&self) -> usize {
        self.picker.selected()
    }

    pub fn set_rows(&mut self, rows: usize) {
        self.rows = rows.max(1);
    }

    pub fn owns(&self, generation: u64) -> bool {
        generation >= FIRST_GENERATION && generation == self.generation
    }

    /// The argument command the input starts with, and the argument typed so far.
    fn argument(&self) -> Option<(Command, &str)> {
        let (word, rest) = self.picker.query().trim_start().split_once(' ')?;
        Command::ALL.into_iter().find(|c| c.name() == word).map(|c| (c, rest.trim_start()))
    }

    /// Rebuild the rows for the input and match them.
    fn relist(&mut self) {
        let input = self.picker.query().trim().to_string();
        let (entries, needle) = match self.argument() {
            Some((command, arg)) => (self.completions(command, arg), arg.to_string()),
            None => {
                let mut entries = Vec::new();
                if let Ok(row) = input.parse::<u32>() {
                    entries.push(Entry {
                        title: input.clone(),
                        key: String::new(),
                        what: format!("go to row {row}"),
                        pick: Pick::Run(Action::GoTo(row)),
                    });
                }
                entries.extend(self.commands.iter().cloned());
                entries.extend(self.records.iter().cloned());
                (entries, input.clone())
            }
        };
        let mut shown = rank(&needle, &entries);
        // A command named exactly, or by its start, comes first (`quit`, `he`).
        for s in &mut shown {
            let title = &entries[s.item].title;
            if !needle.is_empty() && (title == &needle || title.starts_with(&needle)) {
                // The shortest name that starts so comes first (`ope` → `open`, not `open-url`).
                let shorter = 100i64.saturating_sub(title.chars().count() as i64);
                s.score += if title == &needle { 10_000 } else { 1_000 + shorter };
            }
        }
        shown.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
        self.entries = entries;
        self.picker.show(shown);
    }

    fn completions(&self, command: Command, arg: &str) -> Vec<Entry> {
        let value = |title: String, what: String, action: Action| Entry {
            title,
            key: String::new(),
            what,
            pick: Pick::Run(action),
        };
        match command {
            Command::Pane => Pane::ALL
                .iter()
                .map(|&p| {
                    value(format!("pane {}", pane_slug(p)), format!("show the {} pane", p.title()), Action::ShowPane(p))
                })
                .collect(),
            Command::Theme => Theme::ALL
                .iter()
                .map(|&t| {
                    value(format!("theme {}", t.name()), format!("the {} colours", t.name()), Action::SetTheme(t))
                })
                .collect(),
            Command::Width => match arg.parse::<u16>() {
                Ok(width) => {
                    vec![value(format!("width {width}"), format!("a text column of {width}"), Action::SetColumn(width))]
                }
                Err(_) => vec![Entry {
                    title: "width".into(),
                    key: String::new(),
                    what: command.usage().into(),
                    pick: Pick::Argument(command),
                }],
            },
            Command::Open => self.records.clone(),
            Command::Sort => super::order::Order::ALL
                .iter()
                .map(|&o| {
                    let what = format!("the list {}", o.label(self.kind.unwrap_or(crate::data::Kind::Quote)));
                    value(format!("sort {}", o.name()), what, Action::SetOrder(o))
                })
                .collect(),
            Command::Export => self
                .collections
                .iter()
                .enumerate()
                .filter_map(|(at, name)| {
                    let at = u16::try_from(at).ok()?;
                    let what = "export as a Markdown quote sheet".to_string();
                    Some(value(format!("export {name}"), what, Action::ExportNamed(at)))
                })
                .collect(),
        }
    }

    /// A typing, moving or choosing action; false for what the palette leaves (quit).
    pub fn update(&mut self, data: &Dataset, action: Action, out: &mut Outbox) -> bool {
        match action {
            Action::Cancel | Action::OpenPalette => out.send(Request::ClosePalette),
            Action::Open => self.run(data, out),
            Action::Complete => self.complete(data, out),
            Action::SelectPrevious | Action::SelectNext if self.walks_history() => {
                self.recall(if action == Action::SelectPrevious { 1 } else { -1 }, data, out);
            }
            action if self.picker.navigate(action, self.rows) => {}
            action if self.picker.edit(action) => {
                self.recalled = None;
                self.requery(data, out);
            }
            Action::Quit | Action::Suspend => return false,
            _ => {}
        }
        true
    }

    /// ↑ on an empty prompt (or one showing a recalled command) walks the history.
    fn walks_history(&self) -> bool {
        !self.history.is_empty() && (self.picker.query().is_empty() || self.recalled.is_some())
    }

    fn recall(&mut self, step: isize, data: &Dataset, out: &mut Outbox) {
        let next = match self.recalled {
            None if step > 0 => Some(0),
            None => return,
            Some(at) => at.checked_add_signed(step),
        };
        match next.filter(|&at| at < self.history.len()) {
            Some(at) => {
                self.recalled = Some(at);
                let text = self.history[self.history.len() - 1 - at].clone();
                self.picker.set_query(&text);
            }
            None if step < 0 => {
                self.recalled = None;
                self.picker.set_query("");
            }
            None => return,
        }
        self.requery(data, out);
    }

    fn requery(&mut self, data: &Dataset, out: &mut Outbox) {
        let text = match self.argument() {
            Some((Command::Open, arg)) => Some(arg.to_string()),
            Some(_) => None,
            None => Some(self.picker.query().trim().to_string()),
        };
        self.records.clear();
        self.named = false;
        if let Some(text) = text.filter(|t| !t.is_empty() && t.parse::<u32>().is_err()) {
            // `open person:dr-dre` names the record exactly.
            // (`Dataset::resolve` would also rank every id for "did you mean": far too slow
            // per keystroke on a million records.)
            let named = text.split_once(':').and_then(|(kind, id)| data.find(crate::data::Kind::parse(kind)?, id));
            if let Some(record) = named {
                self.records.push(record_entry(data, record));
                self.named = true;
            }
            self.generation = self.generation.max(FIRST_GENERATION - 1) + 1;
            out.send(Request::Run(Effect::Search { generation: self.generation, query: Query::parse(&text, false) }));
        }
        self.relist();
    }

    /// Records from the search for the current input.
    pub fn finished(&mut self, data: &Dataset, generation: u64, hits: &Arc<Vec<Hit>>) {
        if generation != self.generation {
            return;
        }
        // A record named exactly by its link stays first.
        let exact = self.records.first().filter(|_| self.named).cloned();
        let named = exact.as_ref().map(|e| e.pick);
        self.records = exact.into_iter().collect();
        let found = hits.iter().filter(|h| Some(Pick::Run(Action::Visit(h.record))) != named).take(MAX_RECORDS);
        self.records.extend(found.map(|h| record_entry(data, h.record)));
        let selected = self.picker.selected();
        self.relist();
        self.picker.select(selected);
    }

    /// Tab: the selected row's command or argument into the prompt.
    fn complete(&mut self, data: &Dataset, out: &mut Outbox) {
        let Some(entry) = self.picker.selected_item().and_then(|i| self.entries.get(i)) else { return };
        let text = match entry.pick {
            Pick::Argument(command) => format!("{} ", command.name()),
            Pick::Run(Action::Visit(record)) => format!("open {}", data.deep_link(record)),
            Pick::Run(_) => entry.title.clone(),
        };
        self.picker.set_query(&text);
        self.requery(data, out);
    }

    /// Enter: run the selected row (or say why nothing runs) and close.
    fn run(&mut self, data: &Dataset, out: &mut Outbox) {
        let input = self.picker.query().trim().to_string();
        let picked = self.picker.selected_item().and_then(|i| self.entries.get(i)).map(|e| e.pick);
        let action = match (picked, self.argument()) {
            (Some(Pick::Run(action)), _) => action,
            (Some(Pick::Argument(command)), None) => {
                self.picker.set_query(&format!("{} ", command.name()));
                self.requery(data, out);
                return;
            }
            (_, Some((command, arg))) => {
                out.say(format!("{}: nothing matches “{arg}” ({})", command.name(), command.usage()));
                return;
            }
            (_, None) if input.is_empty() => {
                out.send(Request::ClosePalette);
                return;
            }
            _ => {
                out.say(format!("No command or record matches “{input}”"));
                return;
            }
        };
        if !input.is_empty() {
            self.history.retain(|h| h != &input);
            self.history.push(input);
            if self.history.len() > MAX_HISTORY {
                self.history.remove(0);
            }
        }
        out.send(Request::ClosePalette);
        out.send(Request::Act(action));
    }
}
