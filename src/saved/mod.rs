//! What a user keeps across runs, as plain values: collections of records with notes, the
//! records visited, the queries searched and the last session. No I/O here: `store` reads
//! and writes these in SQLite, the browser keeps them in memory as the source of its views
//! and describes each edit as a [`Change`], which the run loop hands to the store's writer.
//!
//! Records are kept by their stable id (`kind:id`), never by their index, so a collection
//! survives the dataset changing; a key that no longer resolves is shown as missing.

use std::fmt;

use crate::data::{Dataset, Kind, RecordRef};

/// The collection `m` marks into.
pub const DEFAULT_COLLECTION: &str = "marked";
/// A note is one line of at most this many characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// A collection name is at most this many characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Visits kept per dataset (older ones are dropped by the store).
pub const KEEP_VISITS: usize = 1000;
/// Queries kept per dataset.
pub const KEEP_QUERIES: usize = 200;

/// A record by kind and stable id, as `kind:id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub kind: Kind,
    pub id: String,
}

impl Key {
    pub fn of(data: &Dataset, record: RecordRef) -> Key {
        Key { kind: record.kind, id: data.id(record).to_string() }
    }

    /// `kind:id` (the kind by any name `Kind::parse` takes).
    pub fn parse(text: &str) -> Option<Key> {
        let (kind, id) = text.split_once(':')?;
        let kind = Kind::parse(kind)?;
        (!id.is_empty()).then(|| Key { kind, id: id.to_string() })
    }

    /// The record this key names in a dataset, if it is still there.
    pub fn resolve(&self, data: &Dataset) -> Option<RecordRef> {
        data.find(self.kind, &self.id)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.name(), self.id)
    }
}

/// One record of a collection, with the user's note ("" for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: Key,
    pub note: String,
}

/// A named, ordered collection (in the order records were added, unless reordered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub name: String,
    pub entries: Vec<Entry>,
}

impl Collection {
    pub fn position(&self, key: &Key) -> Option<usize> {
        self.entries.iter().position(|e| &e.key == key)
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.position(key).is_some()
    }
}

/// A record visited, with the time (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visited {
    pub key: Key,
    pub at: i64,
}

/// Where the user was when the browser closed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// The pane's name (`episodes`, …, `collections`).
    pub pane: String,
    /// The record selected in that pane's list.
    pub selected: Option<Key>,
    /// The record whose detail was open.
    pub open: Option<Key>,
    /// The collection open in the Collections pane.
    pub collection: Option<String>,
}

/// Everything kept for one dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    pub collections: Vec<Collection>,
    /// Oldest first.
    pub visits: Vec<Visited>,
    /// Oldest first, each once.
    pub queries: Vec<String>,
    pub session: Option<Session>,
}

/// One edit of the saved state. The browser applies it to its copy at once and the store
/// applies it to the database; both give the same result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Append a record to a collection (made if needed); nothing if it is there already.
    Add {
        collection: String,
        key: Key,
    },
    Remove {
        collection: String,
        key: Key,
    },
    /// Set a record's note ("" removes it).
    Note {
        collection: String,
        key: Key,
        note: String,
    },
    /// Swap two records of a collection (`J`/`K` move one past its neighbour).
    Swap {
        collection: String,
        a: Key,
        b: Key,
    },
    Create {
        collection: String,
    },
    Rename {
        from: String,
        to: String,
    },
    Delete {
        collection: String,
    },
    Visit {
        key: Key,
        at: i64,
    },
    Query {
        text: String,
        at: i64,
    },
    Session(Session),
}

/// A name or note as kept: one line, no control characters, at most `max` characters.
pub fn clean_line(text: &str, max: usize) -> String {
    let one_line: String = text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    let safe = crate::sanitize::line(&one_line);
    let safe: String = safe.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    safe.trim().chars().take(max).collect()
}

impl Saved {
    pub fn collection(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    fn collection_mut(&mut self, name: &str) -> &mut Collection {
        let at = match self.collections.iter().position(|c| c.name == name) {
            Some(at) => at,
            None => {
                self.collections.push(Collection { name: name.to_string(), entries: Vec::new() });
                self.collections.len() - 1
            }
        };
        &mut self.collections[at]
    }

    /// Whether a record is in any collection.
    pub fn is_kept(&self, key: &Key) -> bool {
        self.collections.iter().any(|c| c.contains(key))
    }

    /// Apply an edit to this copy (the same rules as the store's SQL).
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Add { collection, key } => {
                let c = self.collection_mut(collection);
                if !c.contains(key) {
                    c.entries.push(Entry { key: key.clone(), note: String::new() });
                }
            }
            Change::Remove { collection, key } => {
                if let Some(c) = self.collections.iter_mut().find(|c| &c.name == collection) {
                    c.entries.retain(|e| &e.key != key);
                }
            }
            Change::Note { collection, key, note } => {
                if let Some(entry) = self
                    .collections
                    .iter_mut()
                    .find(|c| &c.name == collection)
                    .and_then(|c| c.entries.iter_mut().find(|e| &e.key == key))
                {
                    entry.note = clean_line(note, MAX_NOTE_CHARS);
                }
            }
            Change::Swap { collection, a, b } => {
                if let Some(c) = self.collections.iter_mut().find(|c| &c.name == collection)
                    && let (Some(i), Some(j)) = (c.position(a), c.position(b))
                {
                    c.entries.swap(i, j);
                }
            }
            Change::Create { collection } => {
                self.collection_mut(collection);
            }
            Change::Rename { from, to } => {
                if self.collection(to).is_none()
                    && let Some(c) = self.collections.iter_mut().find(|c| &c.name == from)
                {
                    c.name = to.clone();
                }
            }
            Change::Delete { collection } => self.collections.retain(|c| &c.name != collection),
            Change::Visit { key, at } => {
                self.visits.push(Visited { key: key.clone(), at: *at });
                if self.visits.len() > KEEP_VISITS {
                    self.visits.remove(0);
                }
            }
            Change::Query { text, .. } => {
                self.queries.retain(|q| q != text);
                self.queries.push(text.clone());
                if self.queries.len() > KEEP_QUERIES {
                    self.queries.remove(0);
                }
            }
            Change::Session(session) => self.session = Some(session.clone()),
        }
    }
}

/// The identity state is kept under: the series id and where the records come from. The
/// bundled dataset is one dataset across versions of the program (so a record a new
/// version drops shows as missing); a file is known by its content, so two files never
/// share marks.
pub fn dataset_key(data: &Dataset, bundled: bool) -> String {
    if bundled {
        return format!("{}#bundled", data.series.id);
    }
    format!("{}#{:016x}", data.series.id, fnv1a(data.file_text().as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> Key {
        Key { kind: Kind::Quote, id: id.into() }
    }

    #[test]
    fn changes_apply_like_the_store() {
        let mut s = Saved::default();
        let c = || "c".to_string();
        s.apply(&Change::Add { collection: c(), key: key("q1") });
        s.apply(&Change::Add { collection: c(), key: key("q2") });
        s.apply(&Change::Add { collection: c(), key: key("q1") });
        assert_eq!(s.collection("c").map(|c| c.entries.len()), Some(2), "no duplicates");
        s.apply(&Change::Swap { collection: c(), a: key("q1"), b: key("q2") });
        assert_eq!(s.collections[0].entries[0].key, key("q2"));
        s.apply(&Change::Note { collection: c(), key: key("q1"), note: "a\nb\u{1b}[31m".into() });
        assert_eq!(s.collections[0].entries[1].note, "a b␛[31m");
        s.apply(&Change::Rename { from: c(), to: "d".into() });
        assert!(s.collection("d").is_some());
        s.apply(&Change::Remove { collection: "d".into(), key: key("q2") });
        assert_eq!(s.collections[0].entries.len(), 1);
        s.apply(&Change::Delete { collection: "d".into() });
        assert!(s.collections.is_empty());
    }

    #[test]
    fn keys_round_trip() {
        assert_eq!(Key::parse("person:dr-dre").map(|k| k.to_string()).as_deref(), Some("person:dr-dre"));
        assert_eq!(Key::parse("nope:x"), None);
        assert_eq!(Key::parse("quote:"), None);
    }
}
