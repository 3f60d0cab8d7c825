//! `defiant search QUERY`: the same search as the browser, one hit per line, best first.

use std::io::{self, IsTerminal, Write};
use std::time::Instant;

use serde::Serialize;

use super::Outcome;
use crate::data::Kind;
use crate::search::{Query, SearchIndex, Tier};

pub(super) struct Options {
    pub query: String,
    pub kind: Option<Kind>,
    pub limit: usize,
    pub exact: bool,
    pub json: bool,
    pub timings: bool,
    /// What ends each record of the line form: `\n`, or NUL with `-0`.
    pub terminator: &'static [u8],
}

#[derive(Serialize)]
struct HitJson<'a> {
    kind: &'static str,
    id: &'a str,
    label: String,
    score: i64,
    /// What the match is evidence of: `word`, `prefix`, `substring` or `fuzzy` (`null` when
    /// only negations matched).
    tier: Option<&'static str>,
    field: &'static str,
    /// The matched field's text; `positions` are char indices into it.
    text: String,
    positions: Vec<usize>,
}

pub(super) fn run(
    cli: &super::Cli,
    options: &Options,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    let mut query = Query::parse(&options.query, options.exact);
    if let Some(kind) = options.kind
        && !query.kinds.contains(&kind)
    {
        query.kinds.push(kind);
    }
    if query.groups.is_empty() {
        writeln!(err, "defiant: the query has no terms to search for (see `defiant search --help`)")?;
        return Ok(Outcome::Failure);
    }
    let started = Instant::now();
    let Some(opened) = super::open(cli, err, false)? else { return Ok(Outcome::Failure) };
    let loaded_at = Instant::now();
    let from = if opened.from_snapshot { "snapshot" } else { "JSON" };
    let loaded = opened.loaded;
    // A snapshot, and a load that wrote one, come with the index.
    let index = opened.index.unwrap_or_else(|| SearchIndex::build(&loaded.dataset));
    let indexed_at = Instant::now();
    let mut hits = index.search(&query);
    let searched_at = Instant::now();
    let total = hits.len();
    if options.limit > 0 {
        hits.truncate(options.limit);
    }
    let data = &loaded.dataset;
    if options.json {
        let items: Vec<HitJson> = hits
            .iter()
            .map(|hit| {
                let highlight = index.highlights(hit.record, &query).into_iter().find(|h| h.field == hit.field);
                let (text, positions) = highlight.map(|h| (h.text, h.positions)).unwrap_or_default();
                HitJson {
                    kind: hit.record.kind.name(),
                    id: data.id(hit.record),
                    label: data.label(hit.record).into_owned(),
                    score: hit.score,
                    tier: hit.tier().map(Tier::label),
                    field: hit.field.label(),
                    text,
                    positions,
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        let mut out = io::BufWriter::with_capacity(64 * 1024, &mut *out);
        for hit in &hits {
            super::write_record(&mut out, data, hit.record)?;
            for piece in ["\t", hit.field.label()] {
                out.write_all(piece.as_bytes())?;
            }
            out.write_all(options.terminator)?;
        }
        out.flush()?;
    }
    // Someone reading a terminal may not know more were found; a pipe or a script gets only
    // what it asked for.
    if hits.len() < total && io::stderr().is_terminal() {
        writeln!(err, "{} of {total} shown; --limit 0 for all", hits.len())?;
    }
    if options.timings {
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        writeln!(
            err,
            "timings: load {:.1} ms, index {:.1} ms, search {:.1} ms ({total} hits in {} records, from {from})",
            ms(started, loaded_at),
            ms(loaded_at, indexed_at),
            ms(indexed_at, searched_at),
            index.len()
        )?;
    }
    // The process ends right after this: leave the dataset and the index to the OS instead
    // of freeing millions of strings one by one (≈10 ms at 100k records, ≈100 ms at 1M).
    std::mem::forget(index);
    std::mem::forget(loaded);
    Ok(if total == 0 { Outcome::NothingFound } else { Outcome::Success })
}
