//! A record's detail laid out as lines for a given width: wrapped prose, labelled fields
//! and one line per link. Built in `update` when the record or the width changes, so the
//! view only slices it, and scrolling knows which line each link is on.
//!
//! The prose is laid out whole; link sections only by count. A link's line is made when it
//! is on screen ([`DetailDoc::line`]), so a source cited by a million quotes costs a
//! million record numbers, not a million formatted lines (it froze the browser 2.5 s).

use std::borrow::Cow;
use std::ops::Range;

use super::Tone;
use super::record::{Field, RecordView};
use crate::data::{Dataset, Kind, RecordRef};
use crate::search::{Highlight, Query};
use crate::text::{split_matches, truncate_to_width, wrap, wrap_with_offsets};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub spans: Vec<(Tone, String)>,
    /// Index into [`DetailDoc::links`] when this line is a link.
    pub link: Option<usize>,
    /// The checked web address the line's link-toned text points at (a source's URL
    /// field, a link to a source), for terminal hyperlinks.
    pub url: Option<String>,
}

impl DocLine {
    fn new(spans: Vec<(Tone, String)>) -> Self {
        Self { spans, link: None, url: None }
    }

    fn blank() -> Self {
        Self::new(Vec::new())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailDoc {
    pub record: RecordRef,
    pub width: u16,
    /// The lines before the link sections: title, fields, the "Links" heading.
    pub lines: Vec<DocLine>,
    /// Link targets in display order.
    pub links: Vec<RecordRef>,
    /// The link groups, in order, each a heading line and a line per link.
    sections: Vec<LinkSection>,
    /// The search whose matches are highlighted, if any.
    pub query: Option<Query>,
    /// The lines each section starts on (a field, "Links", a link group), top to bottom:
    /// where `]` and `[` jump.
    pub headings: Vec<usize>,
}

/// One group of links: its heading's line and its links, as a range of `links`, so a quote
/// link opens the reader on its group without asking the dataset again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LinkSection {
    heading: String,
    /// The line the heading is on; its links follow, one line each.
    row: usize,
    links: Range<usize>,
}

/// Matched positions for a field value, if a highlight covers exactly that text.
fn positions_for<'h>(highlights: &'h [Highlight], value: &str) -> Option<&'h [usize]> {
    highlights.iter().find(|h| h.text == value).map(|h| h.positions.as_slice())
}

/// Lines of wrapped prose, with matched characters in their own spans.
fn prose_lines(
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    tone: Tone,
    positions: Option<&[usize]>,
) -> Vec<DocLine> {
    let Some(positions) = positions else {
        return wrap(text, width, first, rest).into_iter().map(|l| DocLine::new(vec![(tone, l)])).collect();
    };
    wrap_with_offsets(text, width, first, rest)
        .into_iter()
        .enumerate()
        .map(|(i, (line, offset))| {
            let indent = if i == 0 { first } else { rest }.chars().count();
            let spans = split_matches(&line, indent, offset, positions)
                .into_iter()
                .map(|(matched, run)| (if matched { Tone::Match } else { tone }, run))
                .collect();
            DocLine::new(spans)
        })
        .collect()
}

impl DetailDoc {
    /// The group of link `link`: its links and the link's place among them.
    pub fn group_of(&self, link: usize) -> Option<(&[RecordRef], usize)> {
        let section = self.section_of(link)?;
        Some((&self.links[section.links.clone()], link - section.links.start))
    }

    fn section_of(&self, link: usize) -> Option<&LinkSection> {
        let at = self.sections.partition_point(|s| s.links.end <= link);
        self.sections.get(at).filter(|s| s.links.contains(&link))
    }

    /// How many lines the page has.
    pub fn len(&self) -> usize {
        self.sections.last().map_or(self.lines.len(), |s| s.row + 1 + s.links.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The line link `link` is on.
    pub fn link_row(&self, link: usize) -> Option<usize> {
        let section = self.section_of(link)?;
        Some(section.row + 1 + link - section.links.start)
    }

    /// The link on line `row`, if that line is a link.
    pub fn link_at(&self, row: usize) -> Option<usize> {
        let section = self.section_at(row)?;
        (row > section.row).then(|| section.links.start + row - section.row - 1)
    }

    /// The section whose heading or links are on line `row`.
    fn section_at(&self, row: usize) -> Option<&LinkSection> {
        let at = self.sections.partition_point(|s| s.row + s.links.len() < row);
        self.sections.get(at).filter(|s| row >= s.row)
    }

    /// The heading after line `row` (`forward`), or the last one before it.
    pub fn heading_from(&self, row: usize, forward: bool) -> Option<usize> {
        if forward {
            self.headings.iter().copied().find(|&h| h > row)
        } else {
            self.headings.iter().copied().rev().find(|&h| h < row)
        }
    }

    /// The first link whose line lies in `rows`.
    pub fn first_link_in(&self, rows: Range<usize>) -> Option<usize> {
        self.sections.iter().find_map(|s| {
            let start = rows.start.max(s.row + 1);
            (start < rows.end && start <= s.row + s.links.len()).then(|| s.links.start + start - s.row - 1)
        })
    }

    /// Line `row` of the page, made on the spot for a link line.
    pub fn line(&self, data: &Dataset, row: usize) -> Option<Cow<'_, DocLine>> {
        if let Some(line) = self.lines.get(row) {
            return Some(Cow::Borrowed(line));
        }
        let section = self.section_at(row)?;
        if row == section.row {
            return Some(Cow::Owned(DocLine::new(vec![(Tone::Label, section.heading.clone())])));
        }
        let link = section.links.start + row.checked_sub(section.row + 1)?;
        (link < section.links.end).then(|| Cow::Owned(link_line(data, self.links[link], usize::from(self.width), link)))
    }

    /// Lay out a record for `width` columns, highlighting `highlights` (from `query`).
    pub fn build(
        data: &Dataset,
        record: RecordRef,
        width: u16,
        highlights: &[Highlight],
        query: Option<Query>,
    ) -> Self {
        let view = RecordView::new(data, record);
        let w = usize::from(width.max(1));
        let mut lines = Vec::new();
        lines.extend(prose_lines(&view.title, w, "", "", Tone::Title, positions_for(highlights, &view.title)));
        lines.push(DocLine::new(vec![(Tone::Id, truncate_to_width(&view.deep_link, w))]));

        let mut headings = Vec::new();
        for field in &view.fields {
            lines.push(DocLine::blank());
            headings.push(lines.len());
            match field {
                Field::Pair { label, value } => {
                    // The value starts on the label's line and wraps under it, indented.
                    let head = format!("{label}: ");
                    let head_width = crate::text::width(&head);
                    let pad = " ".repeat(head_width);
                    let url = (*label == "URL").then(|| super::url::checked(value)).flatten();
                    let tone = if url.is_some() { Tone::Link } else { Tone::Text };
                    let wrapped = prose_lines(value, w, &pad, "  ", tone, positions_for(highlights, value));
                    for (i, mut line) in wrapped.into_iter().enumerate() {
                        line.url.clone_from(&url);
                        if i == 0 {
                            // Put the label where the first line's indent is.
                            if let Some((_, first)) = line.spans.first_mut() {
                                *first = first.get(head_width..).unwrap_or_default().to_string();
                            }
                            line.spans.insert(0, (Tone::Label, head.clone()));
                        }
                        lines.push(line);
                    }
                }
                Field::Prose { label, text } => {
                    lines.push(DocLine::new(vec![(Tone::Label, truncate_to_width(label, w))]));
                    match positions_for(highlights, text) {
                        // Highlighted prose keeps its char offsets: wrap it whole, line breaks
                        // folded, so positions still line up.
                        Some(positions) => {
                            let flat = text.replace('\n', " ");
                            lines.extend(prose_lines(&flat, w, "  ", "  ", Tone::Text, Some(positions)));
                        }
                        None => {
                            for paragraph in text.split('\n') {
                                lines.extend(prose_lines(paragraph, w, "  ", "  ", Tone::Text, None));
                            }
                        }
                    }
                }
                Field::Bullets { label, items } => {
                    lines.push(DocLine::new(vec![(Tone::Label, truncate_to_width(label, w))]));
                    for item in items {
                        for line in wrap(item, w, "  • ", "    ") {
                            lines.push(DocLine::new(vec![(Tone::Text, line)]));
                        }
                    }
                }
            }
        }

        let mut links = Vec::new();
        let mut sections = Vec::new();
        if !view.links.is_empty() {
            lines.push(DocLine::blank());
            lines.push(DocLine::new(vec![(Tone::Heading, truncate_to_width("Links", w))]));
        }
        let mut row = lines.len();
        for group in view.links {
            headings.push(row);
            let heading = truncate_to_width(&format!("{} ({})", group.label, group.items.len()), w);
            let range = links.len()..links.len() + group.items.len();
            sections.push(LinkSection { heading, row, links: range });
            row += 1 + group.items.len();
            links.extend(group.items);
        }
        Self { record, width, lines, links, sections, query, headings }
    }
}

/// The line of one link: `  › label    kind`, the kind right-aligned.
fn link_line(data: &Dataset, target: RecordRef, w: usize, index: usize) -> DocLine {
    let kind = format!("  {}", target.kind.name());
    let room = w.saturating_sub(4 + kind.chars().count());
    let label = truncate_to_width(&data.label(target), room.max(1));
    let pad = room.saturating_sub(crate::text::width(&label));
    let mut line = DocLine::new(vec![
        (Tone::Dim, "  › ".into()),
        (Tone::Link, label),
        (Tone::Dim, " ".repeat(pad)),
        (Tone::LinkKind, kind),
    ]);
    line.link = Some(index);
    if target.kind == Kind::Source {
        line.url = super::url::checked(&data.sources[target.index].url);
    }
    line
}
