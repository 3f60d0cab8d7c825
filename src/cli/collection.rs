//! `defiant collection …`: the browser's collections from the command line, in the same
//! database (several processes may write at once; each edit is a transaction).

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::args::{CollectionCommand, ExportFormat};
use super::{Cli, Outcome};
use crate::data::Dataset;
use crate::present::export::{self, Exported, Format};
use crate::saved::{Change, Collection, Key, MAX_NAME_CHARS, Saved, clean_line, dataset_key};
use crate::store::{self, Store};

pub fn run(cli: &Cli, command: &CollectionCommand, out: &mut impl Write, err: &mut impl Write) -> io::Result<Outcome> {
    let Some(loaded) = super::load(cli.data.as_deref(), err)? else { return Ok(Outcome::Failure) };
    let data = &loaded.dataset;
    let Some(dir) = store::state_dir(cli.state.as_deref()) else {
        writeln!(err, "defiant: no state directory: set DEFIANT_STATE or pass --state DIR")?;
        return Ok(Outcome::Failure);
    };
    let dataset = dataset_key(data, cli.data.is_none());
    let opening = Store::open(&dir, &dataset);
    for notice in &opening.notices {
        writeln!(err, "defiant: {notice}")?;
    }
    let Some(mut store) = opening.store else { return Ok(Outcome::Failure) };
    let saved = match store.load() {
        Ok(saved) => saved,
        Err(e) => {
            writeln!(err, "defiant: cannot read {}: {e}", store.path().display())?;
            return Ok(Outcome::Failure);
        }
    };
    let mut cx = Cx { data, saved: &saved, store: &mut store, dataset: &dataset, out, err };
    match command {
        CollectionCommand::List { json } => cx.list(*json),
        CollectionCommand::Show { name, json } => cx.show(name, *json),
        CollectionCommand::Add { name, records } => cx.add(name, records),
        CollectionCommand::Remove { name, records } => cx.remove(name, records),
        CollectionCommand::Rename { from, to } => cx.rename(from, to),
        CollectionCommand::Delete { name } => {
            if cx.find(name)?.is_none() {
                return Ok(Outcome::NothingFound);
            }
            cx.write(&[Change::Delete { collection: name.clone() }])
        }
        CollectionCommand::Export { name, format, out: file } => cx.export(name, *format, file.as_deref()),
        CollectionCommand::Import { file, name } => cx.import(file, name.as_deref()),
    }
}

struct Cx<'a, O, E> {
    data: &'a Dataset<'static>,
    saved: &'a Saved,
    store: &'a mut Store,
    dataset: &'a str,
    out: &'a mut O,
    err: &'a mut E,
}

impl<O: Write, E: Write> Cx<'_, O, E> {
    fn find(&mut self, name: &str) -> io::Result<Option<&Collection>> {
        let found = self.saved.collection(name);
        if found.is_none() {
            writeln!(self.err, "defiant: no collection named '{}'", crate::sanitize::message(name))?;
        }
        Ok(found)
    }

    fn write(&mut self, changes: &[Change]) -> io::Result<Outcome> {
        match self.store.apply(changes) {
            Ok(()) => Ok(Outcome::Success),
            Err(e) => {
                writeln!(self.err, "defiant: cannot save to {}: {e}", self.store.path().display())?;
                Ok(Outcome::Failure)
            }
        }
    }

    fn list(&mut self, as_json: bool) -> io::Result<Outcome> {
        if as_json {
            let rows: Vec<_> =
                self.saved.collections.iter().map(|c| json!({"name": c.name, "count": c.entries.len()})).collect();
            writeln!(self.out, "{}", serde_json::Value::Array(rows))?;
        } else {
            for c in &self.saved.collections {
                writeln!(self.out, "{}\t{}", c.name, c.entries.len())?;
            }
        }
        Ok(if self.saved.collections.is_empty() { Outcome::NothingFound } else { Outcome::Success })
    }

    fn show(&mut self, name: &str, as_json: bool) -> io::Result<Outcome> {
        let (data, saved) = (self.data, self.saved);
        let Some(collection) = saved.collection(name) else {
            self.find(name)?;
            return Ok(Outcome::NothingFound);
        };
        if as_json {
            let rows: Vec<_> = collection
                .entries
                .iter()
                .map(|e| {
                    json!({"kind": e.key.kind.name(), "id": e.key.id, "label": export::label(data, &e.key),
                           "note": e.note, "missing": e.key.resolve(data).is_none()})
                })
                .collect();
            writeln!(self.out, "{}", serde_json::Value::Array(rows))?;
        } else {
            for e in &collection.entries {
                writeln!(self.out, "{}\t{}", e.key, export::label(data, &e.key))?;
            }
        }
        Ok(Outcome::Success)
    }

    /// Each record is its own transaction and is reported once it is on disk, so a run
    /// cut short leaves exactly the records it printed.
    fn add(&mut self, name: &str, records: &[String]) -> io::Result<Outcome> {
        let Some(name) = self.name(name)? else { return Ok(Outcome::Failure) };
        let mut keys = Vec::new();
        let mut bad = false;
        for reference in records {
            match super::resolve_or_explain(self.data, reference, self.err) {
                Some(record) => keys.push(Key::of(self.data, record)),
                None => bad = true,
            }
        }
        if bad {
            return Ok(Outcome::Failure);
        }
        for key in keys {
            if self.write(&[Change::Add { collection: name.clone(), key: key.clone() }])? != Outcome::Success {
                return Ok(Outcome::Failure);
            }
            writeln!(self.out, "added {key}")?;
            self.out.flush()?;
        }
        Ok(Outcome::Success)
    }

    fn remove(&mut self, name: &str, records: &[String]) -> io::Result<Outcome> {
        let saved = self.saved;
        let Some(collection) = saved.collection(name) else {
            self.find(name)?;
            return Ok(Outcome::NothingFound);
        };
        let mut changes = Vec::new();
        for reference in records {
            // Missing records are named by kind:id and can be removed too.
            let key =
                Key::parse(reference).or_else(|| self.data.resolve(reference).ok().map(|r| Key::of(self.data, r)));
            match key.filter(|k| collection.contains(k)) {
                Some(key) => changes.push(Change::Remove { collection: name.to_string(), key }),
                None => writeln!(self.err, "defiant: {} is not in {name}", crate::sanitize::message(reference))?,
            }
        }
        if changes.is_empty() {
            return Ok(Outcome::NothingFound);
        }
        self.write(&changes)
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<Outcome> {
        if self.find(from)?.is_none() {
            return Ok(Outcome::NothingFound);
        }
        let Some(to) = self.name(to)? else { return Ok(Outcome::Failure) };
        if self.saved.collection(&to).is_some() {
            writeln!(self.err, "defiant: a collection named '{to}' already exists")?;
            return Ok(Outcome::Failure);
        }
        self.write(&[Change::Rename { from: from.to_string(), to }])
    }

    fn export(&mut self, name: &str, format: ExportFormat, file: Option<&Path>) -> io::Result<Outcome> {
        let (data, saved) = (self.data, self.saved);
        let Some(collection) = saved.collection(name) else {
            self.find(name)?;
            return Ok(Outcome::NothingFound);
        };
        let format = match format {
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
        };
        let text = export::render(data, self.dataset, collection, format);
        match file {
            None => self.out.write_all(text.as_bytes())?,
            Some(path) => {
                if let Err(e) = std::fs::write(path, &text) {
                    writeln!(self.err, "defiant: cannot write {}: {e}", path.display())?;
                    return Ok(Outcome::Failure);
                }
            }
        }
        Ok(Outcome::Success)
    }

    fn import(&mut self, file: &Path, name: Option<&str>) -> io::Result<Outcome> {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                writeln!(self.err, "defiant: cannot read {}: {e}", file.display())?;
                return Ok(Outcome::Failure);
            }
        };
        let (found_name, rows) = match parse_import(&text) {
            Ok(parsed) => parsed,
            Err(e) => {
                writeln!(self.err, "defiant: {}: {e}", file.display())?;
                return Ok(Outcome::Failure);
            }
        };
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(name) = self.name(name.or(found_name.as_deref()).or(stem.as_deref()).unwrap_or("imported"))? else {
            return Ok(Outcome::Failure);
        };
        let missing = rows.iter().filter(|(k, _)| k.resolve(self.data).is_none()).count();
        let mut changes = vec![Change::Create { collection: name.clone() }];
        for (key, note) in &rows {
            changes.push(Change::Add { collection: name.clone(), key: key.clone() });
            if !note.is_empty() {
                changes.push(Change::Note { collection: name.clone(), key: key.clone(), note: note.clone() });
            }
        }
        let outcome = self.write(&changes)?;
        if outcome == Outcome::Success {
            writeln!(self.out, "imported {} records into {name}", rows.len())?;
            if missing > 0 {
                writeln!(self.err, "defiant: {missing} of them are not in this dataset (kept, shown as missing)")?;
            }
        }
        Ok(outcome)
    }

    /// A collection name as kept (one clean line); an empty one is a usage error.
    fn name(&mut self, name: &str) -> io::Result<Option<String>> {
        let clean = clean_line(name, MAX_NAME_CHARS);
        if clean.is_empty() {
            writeln!(self.err, "defiant: a collection needs a name")?;
            return Ok(None);
        }
        Ok(Some(clean))
    }
}

/// Records read from an export: each one's key and note.
type Rows = Vec<(Key, String)>;

/// A JSON export (its collection's name and records), a Markdown one (its title, and the
/// ids the sheet names) or a CSV one (records only).
fn parse_import(text: &str) -> Result<(Option<String>, Rows), String> {
    if text.trim_start().starts_with('{') {
        let exported: Exported =
            serde_json::from_str(text).map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        let mut rows = Vec::new();
        for (i, r) in exported.records.iter().enumerate() {
            let key = Key::parse(&clean_line(&format!("{}:{}", r.kind, r.id), 400))
                .ok_or_else(|| format!("record {}: unknown kind '{}'", i + 1, crate::sanitize::message(&r.kind)))?;
            rows.push((key, r.note.clone()));
        }
        return Ok((Some(exported.collection), rows));
    }
    if text.trim_start().starts_with("# ") {
        let (title, rows) = export::parse_markdown(text);
        let rows =
            rows.into_iter().map(|(k, n)| (Key::parse(&clean_line(&k.to_string(), 400)).unwrap_or(k), n)).collect();
        return Ok((title, rows));
    }
    export::parse_csv(text).map(|rows| (None, rows))
}
