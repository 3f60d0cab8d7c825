//! What a record's detail shows, independent of where it is shown.
//!
//! `defiant show` prints a [`RecordView`] as plain text and the TUI draws the same view
//! with styles, so the two can never disagree about which fields a record has.

use crate::data::model::{Event, Note, NoteKind, Reliability, Role};
use crate::data::{Dataset, Kind, LinkGroup, RecordRef};

/// One labelled part of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A short value on the label's line: `Roles: subject, interviewee`.
    Pair { label: &'static str, value: String },
    /// Prose under its label, wrapped by whoever draws it.
    Prose { label: &'static str, text: String },
    /// A bulleted list under its label.
    Bullets { label: &'static str, items: Vec<String> },
}

/// A record ready to be shown: heading, fields and typed links.
#[derive(Debug, Clone)]
pub struct RecordView {
    pub record: RecordRef,
    pub deep_link: String,
    pub title: String,
    pub fields: Vec<Field>,
    pub links: Vec<LinkGroup>,
}

impl RecordView {
    pub fn new(data: &Dataset, r: RecordRef) -> Self {
        Self {
            record: r,
            deep_link: data.deep_link(r),
            title: title(data, r),
            fields: fields(data, r),
            links: data.link_groups(r),
        }
    }
}

/// The heading: a record's label, except for quotes, whose text is the body itself.
fn title(data: &Dataset, r: RecordRef) -> String {
    match r.kind {
        Kind::Quote => {
            let q = &data.quotes[r.index];
            let speaker = data.speaker_name(q).to_string();
            format!("Quote — {speaker}")
        }
        _ => data.label(r).into_owned(),
    }
}

pub(super) fn pair(label: &'static str, value: impl ToString) -> Field {
    Field::Pair { label, value: value.to_string() }
}

pub(super) fn prose(label: &'static str, text: impl ToString) -> Field {
    Field::Prose { label, text: text.to_string() }
}

fn unknown_or(value: Option<&str>) -> String {
    value.map_or_else(|| "unknown (no source says)".to_string(), str::to_string)
}

pub(super) fn notes(out: &mut Vec<Field>, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    let items = notes
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NoteKind::Conflict => "Conflict",
                NoteKind::Caveat => "Caveat",
            };
            format!("{kind}: {}{}", n.text, cite(&n.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
        })
        .collect();
    out.push(Field::Bullets { label: "Notes", items });
}

/// A person's roles as one phrase: `subject, interviewee`.
pub fn roles(roles: &[Role]) -> String {
    roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
}

pub(super) fn cite(ids: &[&str]) -> String {
    if ids.is_empty() { String::new() } else { format!(" [{}]", ids.join(", ")) }
}

/// Where a quote was said, readable: the data's `in-series (Part 2)` becomes
/// `in the series (Part 2)`; other occasions are shown as written.
pub fn said(q: &crate::data::model::Quote) -> String {
    match q.occasion.strip_prefix("in-series") {
        Some(rest) => format!("in the series{rest}"),
        None => q.occasion.to_string(),
    }
}

fn event_line(event: &Event) -> String {
    let mut flags = vec![event.placement.label().to_string(), event.support.label().to_string()];
    if event.reliability == Some(Reliability::Low) {
        flags.push("low reliability".into());
    }
    let sources: Vec<&str> = event.sources.iter().map(|s| s.as_str()).collect();
    let mut line = format!("{} ({}){}", event.text, flags.join(", "), cite(&sources));
    for note in &event.notes {
        line.push_str(&format!(" — {}", note.text));
    }
    line
}

fn fields(data: &Dataset, r: RecordRef) -> Vec<Field> {
    let mut out = Vec::new();
    let add = match r.kind {
        Kind::Episode => episode_fields,
        Kind::Theme => theme_fields,
        Kind::Person => person_fields,
        Kind::Footage => footage_fields,
        Kind::Quote => quote_fields,
        Kind::Source => source_fields,
        Kind::Event => super::story::event_fields,
        Kind::Series => super::story::series_fields,
    };
    add(data, r, &mut out);
    out
}

fn episode_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let e = &data.episodes[r.index];
    out.push(pair("Part", e.number.to_string()));
    let aired = match (&e.air_date, &e.air_time) {
        (Some(date), Some(time)) => format!("{date}, {time}"),
        (Some(date), None) => date.to_string(),
        (None, _) => "unknown".into(),
    };
    out.push(pair("Aired", aired));
    out.push(prose("Summary", &e.summary));
    if !e.events.is_empty() {
        let items = e.events.iter().map(event_line).collect();
        out.push(Field::Bullets { label: "Covers", items });
    }
    notes(out, &e.notes);
}

fn theme_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let t = &data.themes[r.index];
    out.push(prose("Description", &t.description));
    out.push(pair("Support", t.support.label()));
    if t.seed {
        out.push(pair("Seed", "named in the seed article"));
    }
    notes(out, &t.notes);
}

fn person_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let p = &data.people[r.index];
    if !p.aka.is_empty() {
        out.push(pair("Also known as", p.aka.join(", ")));
    }
    out.push(pair("Roles", roles(&p.roles)));
    if p.seed {
        out.push(pair("Seed", "named in the seed article"));
    }
    out.push(prose("Description", &p.description));
    notes(out, &p.notes);
}

fn footage_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let f = &data.footage[r.index];
    out.push(pair("Artist", &f.artist));
    out.push(prose("Shown", &f.description));
    out.push(pair("Era", unknown_or(f.era.as_deref())));
    out.push(pair("Album", unknown_or(f.album.as_deref())));
    let episode = match f.episode.as_ref().and_then(|id| data.episode(id)) {
        Some(e) => format!("{} ({})", e.title, f.placement.label()),
        None => "unknown".into(),
    };
    out.push(pair("Episode", episode));
    if let Some(context) = &f.context {
        out.push(prose("Background", context));
    }
    out.push(pair("Support", f.support.label()));
    notes(out, &f.notes);
}

fn quote_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let q = &data.quotes[r.index];
    out.push(prose("Text", &q.text));
    let speaker = data.speaker_name(q).to_string();
    let speaker = match &q.speaker_note {
        Some(note) => format!("{speaker} ({note})"),
        None => speaker,
    };
    out.push(pair("Speaker", speaker));
    // The occasion already names the setting ("press (to Philip Cosores)").
    out.push(pair("Said", said(q)));
    let source =
        data.source(&q.source).map_or_else(|| q.source.to_string(), |s| format!("{} — {}", s.title, s.publication));
    out.push(pair("Source", source));
    if let Some(e) = q.episode.as_ref().and_then(|id| data.episode(id)) {
        out.push(pair("Episode", e.title.clone()));
    }
    let mut flags = Vec::new();
    if q.reliability == Some(Reliability::Low) {
        flags.push("low-reliability source");
    }
    if q.fragment {
        flags.push("fragment");
    }
    if q.seed {
        flags.push("seed quote");
    }
    if !flags.is_empty() {
        out.push(pair("Flags", flags.join(", ")));
    }
    if let Some(context) = &q.context {
        out.push(prose("Context", context));
    }
    if !q.variants.is_empty() {
        let items = q.variants.iter().map(|v| format!("{} [{}]", v.text, v.source)).collect();
        out.push(Field::Bullets { label: "Variants", items });
    }
    notes(out, &q.notes);
}

fn source_fields(data: &Dataset, r: RecordRef, out: &mut Vec<Field>) {
    let s = &data.sources[r.index];
    out.push(pair("Publication", &s.publication));
    out.push(pair("URL", &s.url));
    if s.background {
        out.push(pair("Use", "background only (about artists or albums, not the series)"));
    }
    if s.reliability == Some(Reliability::Low) {
        out.push(pair("Reliability", "low (blog, forum repost, fan site or unidentified mirror)"));
    }
    if let Some(note) = &s.note {
        out.push(prose("Note", note));
    }
}
