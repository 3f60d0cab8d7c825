//! The reader's page: one quote wrapped to a column, its attribution under it, and where
//! it sits in the collection being read. Built by `app` when the quote, the matches or the
//! column width change; the view only slices it.

use super::citation::Attribution;
use super::{Spans, Tone};
use crate::data::{Dataset, RecordRef};
use crate::text::{split_matches, wrap, wrap_with_offsets};

/// The current quote laid out for a column width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderPage {
    pub quote: RecordRef,
    pub width: u16,
    pub lines: Vec<Spans>,
}

/// Where the quote sits in what is being read: `3 / 17 · Jimmy Iovine's quotes`.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub position: usize,
    pub len: usize,
    pub collection: &'a str,
}

impl ReaderPage {
    /// Lay out `quote` for `width` columns, highlighting the matched chars of its text.
    pub fn build(data: &Dataset, quote: RecordRef, matches: Option<&[usize]>, place: Place, width: u16) -> Self {
        let w = usize::from(width.max(1));
        let q = &data.quotes[quote.index];
        let mut lines: Vec<Spans> = Vec::new();
        let mut offset = 0; // char offset of the paragraph in the quote text
        for (i, paragraph) in q.text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            match matches {
                Some(positions) => {
                    for (line, at) in wrap_with_offsets(paragraph, w, "", "") {
                        let runs = split_matches(&line, 0, offset + at, positions);
                        lines.push(
                            runs.into_iter().map(|(m, t)| (if m { Tone::Match } else { Tone::Text }, t)).collect(),
                        );
                    }
                }
                None => lines.extend(wrap(paragraph, w, "", "").into_iter().map(|l| vec![(Tone::Text, l)])),
            }
            offset += paragraph.chars().count() + 1;
        }

        lines.push(Vec::new());
        let who = Attribution::of(data, quote);
        let mut name = who.speaker.to_string();
        if let Some(note) = who.speaker_note {
            name.push_str(&format!(", {note}"));
        }
        if let Some(roles) = &who.roles {
            name.push_str(&format!(" ({roles})"));
        }
        push_wrapped(&mut lines, &format!("— {name}"), w, Tone::Label);
        push_wrapped(&mut lines, &format!("  {}", super::record::said(q)), w, Tone::Dim);
        if let Some((title, publication)) = who.source {
            push_wrapped(&mut lines, &format!("  {title}, {publication}"), w, Tone::Dim);
        }
        if let Some(episode) = who.episode {
            push_wrapped(&mut lines, &format!("  {episode}"), w, Tone::Dim);
        }
        if who.low_reliability {
            push_wrapped(&mut lines, "  reliability: low (blog, repost or unidentified mirror)", w, Tone::Id);
        }
        lines.push(Vec::new());
        let position = format!("{} / {} · {}", place.position + 1, place.len, place.collection);
        push_wrapped(&mut lines, &position, w, Tone::Dim);
        Self { quote, width, lines }
    }
}

fn push_wrapped(lines: &mut Vec<Spans>, text: &str, w: usize, tone: Tone) {
    for line in wrap(text, w, "", "  ") {
        lines.push(vec![(tone, line)]);
    }
}
