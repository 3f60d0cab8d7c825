//! Key presses through the key table in force, with what was typed before them: a prefix
//! key (`g`, `y`) waiting for its second key, and a count (`5` before `j`, `12` before `G`).
//!
//! A digit is a count only where the context does not bind it: in the list and the detail
//! the digits show the panes (as in every TUI browser of UX.md §2), so counts there need
//! the digits unbound in the config (`"1" = "none"` …); in the reader and help they are
//! counts as they are.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::bindings::Resolved;
use super::keymap::Key;
use super::request::Outbox;
use super::{Action, App, Context};

/// Counts beyond this are taken as this (a held digit key must not queue a million moves).
pub const MAX_COUNT: u32 = 9_999;

/// What was typed before the next key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending {
    pub prefix: Option<Key>,
    pub count: Option<u32>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.prefix.is_none() && self.count.is_none()
    }
}

impl App {
    /// What was typed before the next key, for the status bar and the which-key popup.
    pub fn pending(&self) -> Pending {
        self.pending
    }

    /// What can follow the pending prefix key: (key, description), for the which-key popup.
    pub fn which_key(&self) -> Option<(String, Vec<(String, String)>)> {
        let prefix = self.pending.prefix?;
        let rows = self.keys.continuations(self.context(), prefix);
        let rows = rows.into_iter().map(|(key, what)| (key, what.into_owned())).collect();
        Some((prefix.label(), rows))
    }

    pub(super) fn key(&mut self, event: KeyEvent, out: &mut Outbox) {
        let key = Key::from_event(event);
        let context = self.context();
        let pending = std::mem::take(&mut self.pending);
        if pending.prefix.is_none() && !context.types() && self.starts_or_extends_count(context, key, pending) {
            let digit = match key.code {
                KeyCode::Char(c) => c.to_digit(10).unwrap_or(0),
                _ => 0,
            };
            let count = pending.count.unwrap_or(0).saturating_mul(10).saturating_add(digit).min(MAX_COUNT);
            self.pending = Pending { prefix: None, count: Some(count) };
            return;
        }
        match self.keys.resolve(context, pending.prefix, key) {
            Resolved::Prefix(prefix) => self.pending = Pending { prefix: Some(prefix), count: pending.count },
            // Esc and unbound keys drop what was pending, as in vim.
            Resolved::Unbound => {}
            Resolved::Action(Action::Cancel) if !pending.is_empty() => {}
            Resolved::Action(action) => self.act_counted(action, pending.count, out),
        }
    }

    fn starts_or_extends_count(&self, context: Context, key: Key, pending: Pending) -> bool {
        let Some(digit) = key.typed_char().and_then(|c| c.to_digit(10)) else { return false };
        if self.keys.binds(context, key) {
            return false;
        }
        // `0` only extends a count (a count never starts with it).
        digit != 0 || pending.count.is_some()
    }

    /// An action with the count typed before it: moves repeat, `G` and `gg` go to row N.
    fn act_counted(&mut self, action: Action, count: Option<u32>, out: &mut Outbox) {
        let Some(count) = count.filter(|&n| n > 0) else {
            self.act(action, out);
            return;
        };
        match action {
            Action::SelectFirst | Action::SelectLast => self.act(Action::GoTo(count), out),
            action if repeats(action) => {
                for _ in 0..count {
                    self.act(action, out);
                }
            }
            action => self.act(action, out),
        }
    }
}

/// Whether a count repeats the action (a move), rather than being ignored.
fn repeats(action: Action) -> bool {
    matches!(
        action,
        Action::SelectNext
            | Action::SelectPrevious
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::NextPane
            | Action::PreviousPane
            | Action::Back
            | Action::Forward
            | Action::NextQuote
            | Action::PreviousQuote
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::WiderColumn
            | Action::NarrowerColumn
    )
}
