//! What `update` asks the outside world to do. The run loop executes effects (the search
//! worker, the terminal's clipboard, quitting); tests execute them inline. Adding one means
//! a variant here and an arm in each executor, nothing on `App`.

use crate::saved::Change;
use crate::search::Query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Search for `query`; answer with `Internal::SearchFinished` tagged `generation`.
    Search { generation: u64, query: Query },
    /// Put this text on the clipboard (sanitized at load, capped by `present::citation`).
    Copy(String),
    /// Open a web address with the system opener (never through a shell; only the
    /// checked `http`/`https` URLs of `present::url`).
    OpenUrl(String),
    /// Leave the app.
    Quit,
    /// Hand the terminal back and stop, as a shell job does on Ctrl-Z.
    Suspend,
    // ----- issue #16 -----
    /// Keep this edit of the saved state (the store's writer thread; the app's copy has
    /// it already).
    Save(Change),
    /// Write a collection's export to `file` in the current directory, and say where it
    /// went (`Internal::Notice`).
    Export { file: String, text: String },
}

/// The effects of one message, in the order they were asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "the run loop must execute what update asks for"]
pub struct Effects(Vec<Effect>);

impl Effects {
    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn quits(&self) -> bool {
        self.0.contains(&Effect::Quit)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Effect> {
        self.0.iter()
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Extend<Effect> for Effects {
    fn extend<T: IntoIterator<Item = Effect>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}
