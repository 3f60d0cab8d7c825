//! Reading a dataset's saved state and applying edits, as SQL. The rules match
//! `Saved::apply`, so the browser's copy and the database agree.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::StoreError;
use crate::saved::{
    Change, Collection, Entry, KEEP_QUERIES, KEEP_VISITS, Key, MAX_NAME_CHARS, MAX_NOTE_CHARS, Saved, Session, Visited,
    clean_line,
};

/// Text from the database is data like any other: one clean line each.
fn line(text: &str, max: usize) -> String {
    clean_line(text, max)
}

/// A stored `kind:id`, sanitized; `None` for one that does not parse.
fn key(text: &str) -> Option<Key> {
    Key::parse(&clean_line(text, 400))
}

pub fn load(conn: &Connection, dataset: &str) -> Result<Saved, StoreError> {
    let mut saved = Saved::default();
    let mut names = conn.prepare("SELECT name FROM collections WHERE dataset = ?1 ORDER BY created, rowid")?;
    let names: Vec<String> = names.query_map([dataset], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
    let mut entries = conn
        .prepare("SELECT record, note FROM entries WHERE dataset = ?1 AND collection = ?2 ORDER BY position, rowid")?;
    for name in names {
        let rows: Vec<(String, String)> =
            entries.query_map(params![dataset, name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        let entries = rows
            .iter()
            .filter_map(|(record, note)| Some(Entry { key: key(record)?, note: line(note, MAX_NOTE_CHARS) }))
            .collect();
        saved.collections.push(Collection { name: line(&name, MAX_NAME_CHARS), entries });
    }
    let mut visits = conn.prepare(
        "SELECT record, at FROM (SELECT id, record, at FROM visits WHERE dataset = ?1 ORDER BY id DESC LIMIT ?2)
         ORDER BY id",
    )?;
    saved.visits = visits
        .query_map(params![dataset, KEEP_VISITS as i64], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(record, at)| Some(Visited { key: key(&record)?, at }))
        .collect();
    let mut queries = conn.prepare(
        "SELECT text FROM (SELECT text, seq FROM queries WHERE dataset = ?1 ORDER BY seq DESC LIMIT ?2) ORDER BY seq",
    )?;
    saved.queries = queries
        .query_map(params![dataset, KEEP_QUERIES as i64], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .map(|q| line(q, 500))
        .filter(|q| !q.is_empty())
        .collect();
    saved.session = conn
        .query_row("SELECT pane, selected, open, collection FROM sessions WHERE dataset = ?1", [dataset], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?
        .map(|(pane, selected, open, collection)| Session {
            pane: line(&pane, 40),
            selected: selected.as_deref().and_then(key),
            open: open.as_deref().and_then(key),
            collection: collection.map(|c| line(&c, MAX_NAME_CHARS)),
        });
    Ok(saved)
}

pub fn apply(conn: &mut Connection, dataset: &str, changes: &[Change]) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = super::now();
    for change in changes {
        apply_one(&tx, dataset, change, now)?;
    }
    tx.commit()?;
    Ok(())
}

fn ensure_collection(tx: &Connection, dataset: &str, name: &str, now: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO collections (dataset, name, created) VALUES (?1, ?2, ?3)",
        params![dataset, name, now],
    )?;
    Ok(())
}

fn apply_one(tx: &Connection, dataset: &str, change: &Change, now: i64) -> rusqlite::Result<()> {
    match change {
        Change::Add { collection, key } => {
            ensure_collection(tx, dataset, collection, now)?;
            tx.execute(
                "INSERT OR IGNORE INTO entries (dataset, collection, record, position, added)
                 VALUES (?1, ?2, ?3,
                   (SELECT COALESCE(MAX(position), 0) + 1 FROM entries WHERE dataset = ?1 AND collection = ?2), ?4)",
                params![dataset, collection, key.to_string(), now],
            )?;
        }
        Change::Remove { collection, key } => {
            tx.execute(
                "DELETE FROM entries WHERE dataset = ?1 AND collection = ?2 AND record = ?3",
                params![dataset, collection, key.to_string()],
            )?;
        }
        Change::Note { collection, key, note } => {
            tx.execute(
                "UPDATE entries SET note = ?4 WHERE dataset = ?1 AND collection = ?2 AND record = ?3",
                params![dataset, collection, key.to_string(), clean_line(note, MAX_NOTE_CHARS)],
            )?;
        }
        Change::Swap { collection, a, b } => {
            let position = |k: &Key| -> rusqlite::Result<Option<i64>> {
                tx.query_row(
                    "SELECT position FROM entries WHERE dataset = ?1 AND collection = ?2 AND record = ?3",
                    params![dataset, collection, k.to_string()],
                    |r| r.get(0),
                )
                .optional()
            };
            if let (Some(pa), Some(pb)) = (position(a)?, position(b)?) {
                let set = "UPDATE entries SET position = ?4 WHERE dataset = ?1 AND collection = ?2 AND record = ?3";
                tx.execute(set, params![dataset, collection, a.to_string(), pb])?;
                tx.execute(set, params![dataset, collection, b.to_string(), pa])?;
            }
        }
        Change::Create { collection } => ensure_collection(tx, dataset, collection, now)?,
        Change::Rename { from, to } => {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM collections WHERE dataset = ?1 AND name = ?2)",
                params![dataset, to],
                |r| r.get(0),
            )?;
            if !taken {
                tx.execute(
                    "UPDATE collections SET name = ?3 WHERE dataset = ?1 AND name = ?2",
                    params![dataset, from, to],
                )?;
                tx.execute(
                    "UPDATE entries SET collection = ?3 WHERE dataset = ?1 AND collection = ?2",
                    params![dataset, from, to],
                )?;
            }
        }
        Change::Delete { collection } => {
            tx.execute("DELETE FROM entries WHERE dataset = ?1 AND collection = ?2", params![dataset, collection])?;
            tx.execute("DELETE FROM collections WHERE dataset = ?1 AND name = ?2", params![dataset, collection])?;
        }
        Change::Visit { key, at } => {
            tx.execute(
                "INSERT INTO visits (dataset, record, at) VALUES (?1, ?2, ?3)",
                params![dataset, key.to_string(), at],
            )?;
            tx.execute(
                "DELETE FROM visits WHERE dataset = ?1 AND id <= (SELECT id FROM visits WHERE dataset = ?1
                 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
                params![dataset, KEEP_VISITS as i64],
            )?;
        }
        Change::Query { text, at } => {
            tx.execute(
                "INSERT INTO queries (dataset, text, at, seq) VALUES (?1, ?2, ?3,
                   (SELECT COALESCE(MAX(seq), 0) + 1 FROM queries WHERE dataset = ?1))
                 ON CONFLICT (dataset, text) DO UPDATE SET at = excluded.at, seq = excluded.seq",
                params![dataset, text, at],
            )?;
            tx.execute(
                "DELETE FROM queries WHERE dataset = ?1 AND seq <= (SELECT seq FROM queries WHERE dataset = ?1
                 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
                params![dataset, KEEP_QUERIES as i64],
            )?;
        }
        Change::Session(session) => {
            tx.execute(
                "INSERT OR REPLACE INTO sessions (dataset, pane, selected, open, collection, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    dataset,
                    session.pane,
                    session.selected.as_ref().map(Key::to_string),
                    session.open.as_ref().map(Key::to_string),
                    session.collection,
                    now
                ],
            )?;
        }
    }
    Ok(())
}
