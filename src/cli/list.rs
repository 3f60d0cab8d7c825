//! `defiant list [KIND]`: one record per line, `KIND:ID<TAB>label`, for fzf, grep and cut.

use std::io::{self, Write};

use serde::Serialize;

use super::Outcome;
use crate::data::{Dataset, Kind};

#[derive(Serialize)]
pub(super) struct Entry<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub label: String,
}

/// `end` closes each record of the line form: `\n`, or NUL with `-0`.
pub(super) fn run(data: &Dataset, kinds: &[Kind], json: bool, end: &[u8], out: &mut impl Write) -> io::Result<Outcome> {
    let records = kinds.iter().flat_map(|&k| data.records(k));
    if json {
        let entries: Vec<Entry> =
            records.map(|r| Entry { kind: r.kind.name(), id: data.id(r), label: data.label(r).into_owned() }).collect();
        serde_json::to_writer_pretty(&mut *out, &entries).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        let mut out = io::BufWriter::with_capacity(64 * 1024, out);
        for r in records {
            super::write_record(&mut out, data, r)?;
            out.write_all(end)?;
        }
        out.flush()?;
    }
    Ok(Outcome::Success)
}
