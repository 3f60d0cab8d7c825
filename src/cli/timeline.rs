//! `defiant timeline`: the events in time, one a line, `YEAR  event:ID  text` — the same
//! order and dates as the browser's Timeline pane (see [`crate::present::timeline`]).

use std::io::{self, Write};

use serde::Serialize;

use super::Outcome;
use crate::data::model::When;
use crate::data::{Dataset, Kind};
use crate::present::story::{dates_conflict, when_label};
use crate::present::timeline::{Entry, Lane, Timeline, year_column};

pub(super) struct Options<'a> {
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub person: Option<&'a str>,
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    year: Option<i32>,
    id: &'a str,
    text: String,
    episode: Option<&'a str>,
    lane: &'a str,
    dates: &'a [When<'a>],
    people: Vec<&'a str>,
}

pub(super) fn run(
    data: &Dataset,
    options: &Options,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Outcome> {
    let person = match options.person {
        Some(reference) => {
            let reference = reference.strip_prefix("person:").unwrap_or(reference);
            match data.find(Kind::Person, reference) {
                Some(r) => Some(r),
                None => {
                    let id = crate::sanitize::line(reference);
                    writeln!(err, "defiant: no person with id '{id}'")?;
                    let suggestions = data.suggest(Some(Kind::Person), &id);
                    if !suggestions.is_empty() {
                        writeln!(err, "did you mean: {}", suggestions.join(", "))?;
                    }
                    return Ok(Outcome::Failure);
                }
            }
        }
        None => None,
    };
    let timeline = Timeline::build(data);
    let entries = timeline.filtered(data, options.from, options.to, person);
    if options.json {
        let rows: Vec<Row> = entries.iter().map(|e| row(data, &timeline, e)).collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        let mut out = io::BufWriter::new(out);
        for entry in &entries {
            writeln!(out, "{}", line(data, entry))?;
        }
        out.flush()?;
    }
    Ok(if entries.is_empty() { Outcome::NothingFound } else { Outcome::Success })
}

fn line(data: &Dataset, entry: &Entry) -> String {
    let event = data.event(entry.event);
    let mut text =
        format!("{:<7}  {}  {}", year_column(data, entry.event), data.deep_link(entry.event), data.label(entry.event));
    if dates_conflict(event) {
        let all: Vec<String> = event.when.iter().map(when_label).collect();
        text.push_str(&format!("  [sources disagree: {}]", all.join("; ")));
    }
    text
}

fn row<'a>(data: &'a Dataset, timeline: &Timeline, entry: &Entry) -> Row<'a> {
    let event = data.event(entry.event);
    let lane = match (entry.lane, &timeline.subjects[..]) {
        (Lane::Left, [left, ..]) => data.id(*left),
        (Lane::Right, [_, right]) => data.id(*right),
        (Lane::Both, _) => "both",
        _ => "other",
    };
    Row {
        year: entry.year,
        id: data.id(entry.event),
        text: data.label(entry.event).into_owned(),
        episode: data.event_episode(entry.event).map(|e| data.id(e)),
        lane,
        dates: &event.when,
        people: event.people.iter().map(|p| p.as_str()).collect(),
    }
}
