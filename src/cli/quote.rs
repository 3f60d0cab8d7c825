//! `defiant quote [ID]`: one quote with its citation, wrapped to the terminal when there is
//! one (unwrapped in pipes, so scripts get whole lines).

use std::io::{self, Write};

use serde::Serialize;

use super::Outcome;
use crate::data::{Dataset, Kind, RecordRef};
use crate::present::citation;

#[derive(Serialize)]
struct QuoteJson<'a> {
    id: &'a str,
    text: &'a str,
    speaker: String,
    /// The speaker's person id (`dr-dre`), as `episode` and `source.id` give theirs.
    speaker_id: &'a str,
    source: Option<SourceJson<'a>>,
    episode: Option<&'a str>,
    reliability: Option<&'static str>,
    citation: String,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    title: &'a str,
    publication: &'a str,
    url: &'a str,
}

pub(super) fn run(
    data: &Dataset,
    id: Option<&str>,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    if data.count(Kind::Quote) == 0 {
        writeln!(err, "defiant: this dataset has no quotes")?;
        return Ok(Outcome::NothingFound);
    }
    let record = match id {
        Some(id) => {
            let reference = if id.contains(':') { id.to_string() } else { format!("quote:{id}") };
            match super::resolve_or_explain(data, &reference, err) {
                Some(r) if r.kind == Kind::Quote => r,
                Some(_) => {
                    writeln!(err, "defiant: '{}' is not a quote", crate::sanitize::message(id))?;
                    return Ok(Outcome::Failure);
                }
                None => return Ok(Outcome::Failure),
            }
        }
        None => RecordRef::new(Kind::Quote, random_index(data.count(Kind::Quote))),
    };
    let q = &data.quotes[record.index];
    if json {
        let value = QuoteJson {
            id: q.id.as_str(),
            text: &q.text,
            speaker: data.speaker_name(q).to_string(),
            speaker_id: q.speaker.as_str(),
            source: data.source(&q.source).map(|s| SourceJson {
                id: s.id.as_str(),
                title: &s.title,
                publication: &s.publication,
                url: &s.url,
            }),
            episode: q.episode.as_ref().map(|e| e.as_str()),
            reliability: q.reliability.map(|_| "low"),
            citation: citation::attribution(data, record),
        };
        serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    // The text is indented by two spaces and the attribution alone starts at column 0, so
    // no line of the text can pass for the attribution (`— Someone [quote:q1]`).
    let width = terminal_width();
    super::write_block(out, &q.text, width, "  ", "  ")?;
    writeln!(out)?;
    let attribution = format!("{} [{}]", citation::attribution(data, record), data.deep_link(record));
    super::write_block(out, &attribution, width, "", "  ")?;
    Ok(Outcome::Success)
}

/// The terminal's width when stdout is one (capped at a readable measure), else none.
fn terminal_width() -> Option<usize> {
    super::terminal_width().map(|w| w.min(100))
}

fn random_index(len: usize) -> usize {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    // Mix the clock so consecutive calls do not walk through the quotes in order.
    let mixed = u64::from(nanos).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 17;
    (mixed % len as u64) as usize
}
