//! A collection as a file: a Markdown quote sheet to cite from, or JSON and CSV that carry
//! the ids (and notes) so the collection can be imported again. The browser's export key
//! and `defiant collection export` both write what this builds.

use serde::{Deserialize, Serialize};

use crate::data::{Dataset, Kind, RecordRef};
use crate::saved::{Collection, Entry, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// The JSON form of a collection (also what `collection import` reads).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Exported {
    pub collection: String,
    pub dataset: String,
    pub records: Vec<ExportedRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ExportedRecord {
    pub kind: String,
    pub id: String,
    /// The record's label, or `missing: kind:id` when the dataset no longer has it.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub note: String,
}

/// The label a collection shows for a record: its dataset label, or "missing: kind:id".
pub fn label(data: &Dataset, key: &Key) -> String {
    match key.resolve(data) {
        Some(record) => data.label(record).into_owned(),
        None => format!("missing: {key}"),
    }
}

pub fn render(data: &Dataset, dataset: &str, collection: &Collection, format: Format) -> String {
    match format {
        Format::Markdown => markdown(data, collection),
        Format::Json => json(data, dataset, collection),
        Format::Csv => csv(data, collection),
    }
}

fn records(data: &Dataset, dataset: &str, collection: &Collection) -> Exported {
    let records = collection
        .entries
        .iter()
        .map(|e| ExportedRecord {
            kind: e.key.kind.name().to_string(),
            id: e.key.id.clone(),
            label: label(data, &e.key),
            note: e.note.clone(),
        })
        .collect();
    Exported { collection: collection.name.clone(), dataset: dataset.to_string(), records }
}

fn json(data: &Dataset, dataset: &str, collection: &Collection) -> String {
    let mut text = serde_json::to_string_pretty(&records(data, dataset, collection)).unwrap_or_default();
    text.push('\n');
    text
}

/// `kind,id,label,note`, quoted as RFC 4180 has it.
fn csv(data: &Dataset, collection: &Collection) -> String {
    let mut out = String::from("kind,id,label,note\n");
    for e in &collection.entries {
        let fields = [e.key.kind.name().to_string(), e.key.id.clone(), label(data, &e.key), e.note.clone()];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field.into() }
}

/// Read a CSV export back: (kind:id, note) per row. Errors name the line.
pub fn parse_csv(text: &str) -> Result<Vec<(Key, String)>, String> {
    let rows = csv_rows(text);
    let mut out = Vec::new();
    for (line, row) in rows.iter().enumerate().skip(1) {
        if row.iter().all(|f| f.is_empty()) {
            continue;
        }
        let (Some(kind), Some(id)) = (row.first(), row.get(1)) else {
            return Err(format!("line {}: expected kind,id,label,note", line + 1));
        };
        let key =
            Key::parse(&format!("{kind}:{id}")).ok_or_else(|| format!("line {}: unknown kind '{kind}'", line + 1))?;
        out.push((key, row.get(3).cloned().unwrap_or_default()));
    }
    Ok(out)
}

/// Read a Markdown export back: the title, and each record's `kind:id` (from a quote's
/// attribution line or a list item) with its note.
pub fn parse_markdown(text: &str) -> (Option<String>, Vec<(Key, String)>) {
    let mut title = None;
    let mut rows: Vec<(Key, String)> = Vec::new();
    for line in text.lines() {
        if title.is_none()
            && let Some(heading) = line.strip_prefix("# ")
        {
            title = Some(heading.trim().to_string());
        } else if let Some(note) = line.strip_prefix("Note: ") {
            if let Some(last) = rows.last_mut() {
                last.1 = note.trim().to_string();
            }
        } else if line.starts_with("> — ") || line.starts_with("- ") {
            // The id is the last code span that names a record.
            let spans: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
            let Some((at, key)) = spans.iter().enumerate().rev().find_map(|(i, s)| Key::parse(s).map(|k| (i, k)))
            else {
                continue;
            };
            let after = line.split('`').nth(2 * at + 2).unwrap_or("");
            let note = if line.starts_with("- ") { after.trim().strip_prefix("— ").unwrap_or("").trim() } else { "" };
            rows.push((key, note.to_string()));
        }
    }
    (title, rows)
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![Vec::new()];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rows.last_mut().map_or((), |r| r.push(std::mem::take(&mut field))),
            (false, '\r') => {}
            (false, '\n') => {
                if let Some(r) = rows.last_mut() {
                    r.push(std::mem::take(&mut field));
                }
                rows.push(Vec::new());
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || rows.last().is_some_and(|r| !r.is_empty()) {
        if let Some(r) = rows.last_mut() {
            r.push(field);
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// A quote sheet: each quote as a block quote with speaker, occasion, source title,
/// publication and URL, then the note; other records as a list with their first source.
fn markdown(data: &Dataset, collection: &Collection) -> String {
    let mut out = format!("# {}\n\n", collection.name);
    let mut others = Vec::new();
    for entry in &collection.entries {
        match entry.key.resolve(data) {
            Some(record) if record.kind == Kind::Quote => out.push_str(&quote(data, record, entry)),
            _ => others.push(entry),
        }
    }
    if !others.is_empty() {
        out.push_str("## Records\n\n");
        for entry in others {
            out.push_str(&listed(data, entry));
        }
        out.push('\n');
    }
    out
}

fn quote(data: &Dataset, record: RecordRef, entry: &Entry) -> String {
    let q = &data.quotes[record.index];
    let mut out = String::new();
    for (i, paragraph) in q.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        out.push_str(&format!("> {paragraph}\n"));
    }
    let mut speaker = data.speaker_name(q).to_string();
    if let Some(note) = &q.speaker_note {
        speaker.push_str(&format!(" ({note})"));
    }
    out.push_str(&format!(">\n> — {speaker}, {}", q.occasion));
    if let Some(source) = data.source(&q.source) {
        out.push_str(&format!(". \u{201c}{}\u{201d}, *{}*. <{}>", source.title, source.publication, source.url));
    }
    out.push_str(&format!(" `quote:{}`\n\n", q.id));
    if !entry.note.is_empty() {
        out.push_str(&format!("Note: {}\n\n", entry.note));
    }
    out
}

fn listed(data: &Dataset, entry: &Entry) -> String {
    let name = label(data, &entry.key);
    let url = entry.key.resolve(data).and_then(|r| first_source(data, r));
    let mut line = match url {
        Some(url) => format!("- [{name}]({url}) `{}`", entry.key),
        None => format!("- {name} `{}`", entry.key),
    };
    if !entry.note.is_empty() {
        line.push_str(&format!(" — {}", entry.note));
    }
    line.push('\n');
    line
}

fn first_source(data: &Dataset, r: RecordRef) -> Option<String> {
    let ids = match r.kind {
        Kind::Episode => data.episodes[r.index].sources.first(),
        Kind::Theme => data.themes[r.index].sources.first(),
        Kind::Person => data.people[r.index].sources.first(),
        Kind::Footage => data.footage[r.index].sources.first(),
        Kind::Quote => Some(&data.quotes[r.index].source),
        Kind::Source => return Some(data.sources[r.index].url.to_string()),
        Kind::Event | Kind::Series => return None,
    }?;
    data.source(ids).map(|s| s.url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_gives_back_ids_and_notes() {
        let text = "# sheet\n\n> a `quote:q9` b\n>\n> — X, y. <http://u> `quote:q1`\n\nNote: keep\n\n## Records\n\n\
- [Dr. Dre](http://d) `person:dr-dre` — the producer\n- missing: theme:x `theme:x`\n";
        let (title, rows) = parse_markdown(text);
        assert_eq!(title.as_deref(), Some("sheet"));
        let got: Vec<(String, &str)> = rows.iter().map(|(k, n)| (k.to_string(), n.as_str())).collect();
        assert_eq!(
            got,
            [("quote:q1".into(), "keep"), ("person:dr-dre".into(), "the producer"), ("theme:x".into(), "")]
        );
    }

    #[test]
    fn csv_round_trips_quoted_fields() {
        let text = "kind,id,label,note\nquote,q1,\"a, \"\"b\"\"\",\"x\ny\"\nperson,dr-dre,Dr. Dre,\n";
        let rows = parse_csv(text).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1, "x\ny");
        assert_eq!(rows[1].0.to_string(), "person:dr-dre");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
