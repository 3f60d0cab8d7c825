//! `defiant show KIND:ID`: one record with every field and its resolved links.

use std::io::{self, Write};

use serde::Serialize;

use super::Outcome;
use super::list::Entry;
use crate::data::{Dataset, Kind, RecordRef, ResolveError};
use crate::present::record::{Field, RecordView};

pub(super) fn run(
    data: &Dataset,
    reference: &str,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    let Some(r) = resolve_or_explain(data, reference, err) else { return Ok(Outcome::Failure) };
    let view = RecordView::new(data, r);
    if json { write_json(data, &view, out) } else { write_text(data, &view, super::terminal_width(), out) }?;
    Ok(Outcome::Success)
}

/// Resolve `KIND:ID` for `--open`, or explain on `err` why it does not resolve.
pub fn resolve_or_explain(data: &Dataset, reference: &str, err: &mut impl Write) -> Option<RecordRef> {
    let reference = crate::sanitize::line(reference);
    match data.resolve(&reference) {
        Ok(r) => Some(r),
        Err(error) => {
            let _ = explain(data, &reference, &error, err);
            None
        }
    }
}

fn explain(data: &Dataset, reference: &str, error: &ResolveError, err: &mut impl Write) -> io::Result<()> {
    match error {
        ResolveError::NotFound { kind, suggestions } => {
            match kind {
                Some(kind) => writeln!(err, "defiant: no {} with id '{}'", kind.name(), id_part(reference))?,
                None => match unknown_kind(reference) {
                    Some(word) => writeln!(
                        err,
                        "defiant: unknown kind '{word}' in '{reference}'; the kinds are {}",
                        kind_names()
                    )?,
                    None => writeln!(err, "defiant: no record with id '{reference}'")?,
                },
            }
            if !suggestions.is_empty() {
                writeln!(err, "did you mean: {}", suggestions.join(", "))?;
            }
            if kind.is_none() && !reference.contains(':') {
                writeln!(err, "hint: write KIND:ID, where KIND is one of {}", kind_names())?;
            }
        }
        ResolveError::Ambiguous(matches) => {
            let options: Vec<String> = matches.iter().map(|&r| data.deep_link(r)).collect();
            writeln!(err, "defiant: '{reference}' names several records: {}", options.join(", "))?;
        }
    }
    Ok(())
}

/// The `KIND` of a `KIND:ID` that names no kind (`band` in `band:nwa`).
fn unknown_kind(reference: &str) -> Option<&str> {
    let (kind, _) = reference.split_once(':')?;
    (!kind.is_empty() && Kind::parse(kind).is_none()).then_some(kind)
}

fn id_part(reference: &str) -> &str {
    reference.split_once(':').map_or(reference, |(_, id)| id)
}

fn kind_names() -> String {
    Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
}

/// Headings (the deep link, the title, field labels, `Links:`) start at column 0; every
/// line from data is indented under its field (see [`super::write_block`]).
/// With a `width` (stdout is a terminal) every block is wrapped on words to it.
fn write_text(data: &Dataset, view: &RecordView, width: Option<usize>, out: &mut impl Write) -> io::Result<()> {
    super::write_block(out, &view.deep_link, width, "", "  ")?;
    super::write_block(out, &view.title, width, "", "  ")?;
    for field in &view.fields {
        writeln!(out)?;
        match field {
            Field::Pair { label, value } => super::write_block(out, value, width, &format!("{label}: "), "  ")?,
            Field::Prose { label, text } => {
                writeln!(out, "{label}:")?;
                super::write_block(out, text, width, "  ", "  ")?;
            }
            Field::Bullets { label, items } => {
                writeln!(out, "{label}:")?;
                for item in items {
                    super::write_block(out, item, width, "  • ", "    ")?;
                }
            }
        }
    }
    if !view.links.is_empty() {
        writeln!(out)?;
        writeln!(out, "Links:")?;
        for group in &view.links {
            writeln!(out, "  {} ({})", group.label, group.items.len())?;
            for &r in &group.items {
                let line = format!("{}\t{}", data.deep_link(r), data.label(r));
                // A terminal shows the tab as spaces; wrapped, the label goes after two.
                let line = if width.is_some() { line.replace('\t', "  ") } else { line };
                super::write_block(out, &line, width, "    ", "      ")?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Shown<'a> {
    kind: &'static str,
    id: &'a str,
    label: &'a str,
    record: serde_json::Value,
    links: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    label: &'a str,
    kind: &'static str,
    items: Vec<Entry<'a>>,
}

fn record_json(data: &Dataset, r: RecordRef) -> serde_json::Result<serde_json::Value> {
    match r.kind {
        Kind::Episode => serde_json::to_value(&data.episodes[r.index]),
        Kind::Theme => serde_json::to_value(&data.themes[r.index]),
        Kind::Person => serde_json::to_value(&data.people[r.index]),
        Kind::Footage => serde_json::to_value(&data.footage[r.index]),
        Kind::Quote => serde_json::to_value(&data.quotes[r.index]),
        Kind::Source => serde_json::to_value(&data.sources[r.index]),
        Kind::Event => serde_json::to_value(data.event(r)),
        Kind::Series => serde_json::to_value(&data.series),
    }
}

fn write_json(data: &Dataset, view: &RecordView, out: &mut impl Write) -> io::Result<()> {
    let r = view.record;
    let shown = Shown {
        kind: r.kind.name(),
        id: data.id(r),
        label: &view.title,
        record: record_json(data, r).map_err(io::Error::from)?,
        links: view
            .links
            .iter()
            .map(|g| LinkJson {
                label: &g.label,
                kind: g.kind.name(),
                items: g
                    .items
                    .iter()
                    .map(|&i| Entry { kind: i.kind.name(), id: data.id(i), label: data.label(i).into_owned() })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &shown).map_err(io::Error::from)?;
    writeln!(out)
}
