//! The key table in force: the defaults of [`keymap::BINDINGS`] with the config file's
//! changes applied. Dispatch, the status-bar hints, help, the which-key popup and the
//! palette all read this one value, so they always show the keys as configured.

use std::borrow::Cow;

use super::Action;
use super::keymap::{self, Chord, Context, Key};

/// Where a config binding applies: one context, or `global` — every context where keys are
/// commands (list, detail, reader), and for keys that type nothing (Ctrl-…, F1) also the
/// prompts and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Only(Context),
}

impl Scope {
    pub fn parse(name: &str) -> Option<Scope> {
        if name == "global" {
            return Some(Scope::Global);
        }
        Context::ALL.into_iter().find(|c| c.name() == name).map(Scope::Only)
    }

    /// Every scope name, for suggestions when one is misspelt.
    pub fn names() -> Vec<&'static str> {
        std::iter::once("global").chain(Context::ALL.iter().map(|c| c.name())).collect()
    }

    fn contexts(self, chord: Chord) -> Vec<Context> {
        match self {
            Scope::Only(context) => vec![context],
            Scope::Global if chord.first.typed_char().is_some() => {
                vec![Context::List, Context::Detail, Context::Reader]
            }
            Scope::Global => Context::ALL.to_vec(),
        }
    }
}

/// One action's keys in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub context: Context,
    pub chords: Vec<Chord>,
    pub action: Action,
    pub help: Cow<'static, str>,
    pub hint: Option<&'static str>,
}

/// What a key press means with the keys typed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The first key of a chord (`g`, `y`): wait for the next.
    Prefix(Key),
    Unbound,
}

/// A default binding a config change took a key from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Displaced {
    pub context: Context,
    pub chord: Chord,
    pub action: Action,
    /// The displaced action has no key left in that context.
    pub unreachable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    entries: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Self {
        // Issue #16's table (`keymap_kept.rs`) follows the main one.
        let mut entries: Vec<Entry> = keymap::BINDINGS
            .iter()
            .chain(super::keymap_kept::BINDINGS)
            .flat_map(|binding| {
                binding.contexts.iter().map(move |&context| Entry {
                    context,
                    chords: binding.keys.to_vec(),
                    action: binding.action,
                    help: Cow::Borrowed(binding.help),
                    hint: binding.hint,
                })
            })
            .collect();
        // A context that inherits another (the Collections pane, the List) gets the other's
        // entries for the keys it does not bind itself.
        for context in Context::ALL {
            let Some(parent) = context.inherits() else { continue };
            let taken: Vec<Chord> =
                entries.iter().filter(|e| e.context == context).flat_map(|e| e.chords.iter().copied()).collect();
            let inherited: Vec<Entry> = entries
                .iter()
                .filter(|e| e.context == parent && !e.chords.iter().any(|c| taken.contains(c)))
                .map(|e| Entry { context, ..e.clone() })
                .collect();
            entries.extend(inherited);
        }
        Self { entries }
    }
}

impl Keymap {
    /// The entries of one context, in table order.
    pub fn entries(&self, context: Context) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.context == context)
    }

    /// What `key` means in `context` after `pending` (a prefix key typed before it).
    pub fn resolve(&self, context: Context, pending: Option<Key>, key: Key) -> Resolved {
        let chord = match pending {
            Some(prefix) => Chord { first: prefix, then: Some(key) },
            None => Chord::single(key),
        };
        if let Some(entry) = self.entries(context).find(|e| e.chords.contains(&chord)) {
            return Resolved::Action(entry.action);
        }
        if pending.is_none() && self.is_prefix(context, key) {
            return Resolved::Prefix(key);
        }
        match key.typed_char() {
            Some(c) if pending.is_none() && context.types() => Resolved::Action(Action::InsertChar(c)),
            _ => Resolved::Unbound,
        }
    }

    /// Whether `key` starts a chord in `context`.
    pub fn is_prefix(&self, context: Context, key: Key) -> bool {
        self.entries(context).flat_map(|e| &e.chords).any(|c| c.first == key && c.then.is_some())
    }

    /// Whether `key` alone does something in `context` (a digit that does not is a count).
    pub fn binds(&self, context: Context, key: Key) -> bool {
        self.entries(context).flat_map(|e| &e.chords).any(|c| c.first == key)
    }

    /// What can follow a prefix key, for the which-key popup: (key, description).
    pub fn continuations(&self, context: Context, prefix: Key) -> Vec<(String, Cow<'static, str>)> {
        self.entries(context)
            .flat_map(|e| e.chords.iter().map(move |c| (c, e)))
            .filter_map(|(chord, e)| match chord.then {
                Some(then) if chord.first == prefix => Some((then.label(), e.help.clone())),
                _ => None,
            })
            .collect()
    }

    /// Status-bar hints: (keys, short text), in table order.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.entries(context).filter_map(|e| e.hint.map(|hint| (labels(&e.chords, 2), hint))).collect()
    }

    /// Every binding of a context for help: (keys, description, action).
    pub fn help(&self, context: Context) -> Vec<(String, Cow<'static, str>, Action)> {
        self.entries(context)
            .filter(|e| !e.chords.is_empty())
            .map(|e| (labels(&e.chords, 3), e.help.clone(), e.action))
            .collect()
    }

    /// The keys bound to `action` in `context`, as help writes them (`Ctrl-e`).
    pub fn keys_for(&self, action: Action, context: Context) -> Option<String> {
        self.entries(context).find(|e| e.action == action && !e.chords.is_empty()).map(|e| labels(&e.chords, 3))
    }

    /// The first key of `action` anywhere it is bound, for the palette.
    pub fn first_key(&self, action: Action) -> Option<String> {
        self.entries.iter().find(|e| e.action == action).and_then(|e| e.chords.first()).map(|c| c.label())
    }

    /// Bind `chord` to `action` (or unbind it, with `None`) in `scope`. Returns the default
    /// bindings that lost the key. A bound key goes first, so hints show it.
    pub fn rebind(&mut self, scope: Scope, chord: Chord, action: Option<Action>) -> Vec<Displaced> {
        let mut displaced = Vec::new();
        for context in scope.contexts(chord) {
            for entry in self.entries.iter_mut().filter(|e| e.context == context) {
                // A single key also hides the chords it starts (binding `g` hides `g g`).
                let hides = |c: &Chord| *c == chord || (chord.then.is_none() && c.first == chord.first);
                let before = entry.chords.len();
                let taken: Vec<Chord> = entry.chords.iter().copied().filter(hides).collect();
                entry.chords.retain(|c| !hides(c));
                if Some(entry.action) != action {
                    for taken in taken {
                        displaced.push(Displaced {
                            context,
                            chord: taken,
                            action: entry.action,
                            unreachable: before > 0 && entry.chords.is_empty(),
                        });
                    }
                }
            }
            let Some(action) = action else { continue };
            match self.entries.iter_mut().find(|e| e.context == context && e.action == action) {
                Some(entry) => entry.chords.insert(0, chord),
                None => self.entries.push(Entry {
                    context,
                    chords: vec![chord],
                    action,
                    help: action.describe(),
                    hint: None,
                }),
            }
        }
        displaced
    }
}

fn labels(chords: &[Chord], at_most: usize) -> String {
    chords.iter().take(at_most).map(|c| c.label()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::app::keymap::{ch, ctrl, seq};

    fn key(c: char) -> Key {
        ch(c).first
    }

    #[test]
    fn chords_wait_for_their_second_key() {
        let keys = Keymap::default();
        assert_eq!(keys.resolve(Context::List, None, key('g')), Resolved::Prefix(key('g')));
        assert_eq!(keys.resolve(Context::List, Some(key('g')), key('g')), Resolved::Action(Action::SelectFirst));
        assert_eq!(keys.resolve(Context::List, Some(key('g')), key('x')), Resolved::Unbound);
        assert_eq!(keys.resolve(Context::Search, None, key('g')), Resolved::Action(Action::InsertChar('g')));
    }

    #[test]
    fn a_rebind_moves_the_key_and_reports_what_it_hid() {
        let mut keys = Keymap::default();
        let hidden = keys.rebind(Scope::Only(Context::List), ch('j'), Some(Action::Quit));
        assert_eq!(keys.resolve(Context::List, None, key('j')), Resolved::Action(Action::Quit));
        assert_eq!(hidden.len(), 1);
        assert_eq!((hidden[0].action, hidden[0].unreachable), (Action::SelectNext, false), "↓ still moves");
        // Detail keeps its own `j`.
        assert_eq!(keys.resolve(Context::Detail, None, key('j')), Resolved::Action(Action::SelectNext));
        assert_eq!(keys.keys_for(Action::Quit, Context::List).as_deref(), Some("j/q"));
    }

    #[test]
    fn unbinding_and_global_bindings() {
        let mut keys = Keymap::default();
        keys.rebind(Scope::Global, ch('x'), Some(Action::Quit));
        for context in [Context::List, Context::Detail, Context::Reader] {
            assert_eq!(keys.resolve(context, None, key('x')), Resolved::Action(Action::Quit));
        }
        assert_eq!(keys.resolve(Context::Search, None, key('x')), Resolved::Action(Action::InsertChar('x')));
        keys.rebind(Scope::Global, ctrl('q'), Some(Action::Quit));
        assert_eq!(keys.resolve(Context::Search, None, ctrl('q').first), Resolved::Action(Action::Quit));
        let hidden = keys.rebind(Scope::Only(Context::List), ch('q'), None);
        assert_eq!(keys.resolve(Context::List, None, key('q')), Resolved::Unbound);
        assert!(hidden.iter().all(|d| !d.unreachable), "x still quits");
    }

    #[test]
    fn binding_a_prefix_alone_hides_its_chords() {
        let mut keys = Keymap::default();
        let hidden = keys.rebind(Scope::Only(Context::List), ch('g'), Some(Action::SelectFirst));
        assert!(hidden.iter().any(|d| d.chord == seq('g', 't') && d.unreachable));
        assert_eq!(keys.resolve(Context::List, None, key('g')), Resolved::Action(Action::SelectFirst));
        assert_eq!(
            keys.resolve(Context::List, None, ch('G').first),
            Resolved::Action(Action::SelectLast),
            "G is not g"
        );
        let _ = KeyCode::Enter;
    }

    #[test]
    fn which_key_lists_what_follows() {
        let keys = Keymap::default();
        let after_y: Vec<String> = keys.continuations(Context::Detail, key('y')).into_iter().map(|(k, _)| k).collect();
        assert_eq!(after_y, ["y", "l", "u", "i"]);
    }
}
