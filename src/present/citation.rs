//! A quote with its citation, as text: the form `y` copies and `defiant quote` prints,
//! and the parts of the reader's attribution. [`Attribution`] gathers who said a quote and
//! where once; each form only arranges those parts.

use crate::data::model::Reliability;
use crate::data::{Dataset, RecordRef};

/// Copied text is capped so a hostile dataset cannot push megabytes through the terminal.
pub const MAX_COPY_BYTES: usize = 8 * 1024;

/// Who said a quote and where, resolved against the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution<'d> {
    /// The speaker's name, or the bare id when it does not resolve.
    pub speaker: &'d str,
    pub speaker_note: Option<&'d str>,
    /// The speaker's roles, joined (`subject, interviewee`), when the speaker resolves.
    pub roles: Option<String>,
    /// `(title, publication)` of the cited source, when it resolves.
    pub source: Option<(&'d str, &'d str)>,
    pub episode: Option<&'d str>,
    pub low_reliability: bool,
}

impl<'d> Attribution<'d> {
    pub fn of(data: &'d Dataset, quote: RecordRef) -> Self {
        let q = &data.quotes[quote.index];
        Self {
            speaker: data.speaker_name(q),
            speaker_note: q.speaker_note.as_deref(),
            roles: data.speaker(q).map(|p| crate::present::record::roles(&p.roles)),
            source: data.source(&q.source).map(|s| (&*s.title, &*s.publication)),
            episode: q.episode.as_ref().and_then(|id| data.episode(id)).map(|e| &*e.title),
            low_reliability: q.reliability == Some(Reliability::Low),
        }
    }
}

/// Who said it and where, on one line: `Jimmy Iovine — press (to Deadline), "Title", Publication; Part 4`.
pub fn attribution(data: &Dataset, quote: RecordRef) -> String {
    let who = Attribution::of(data, quote);
    let mut speaker = who.speaker.to_string();
    if let Some(note) = who.speaker_note {
        speaker.push_str(&format!(" ({note})"));
    }
    let mut parts = vec![speaker];
    if let Some((title, publication)) = who.source {
        parts.push(format!("\u{201c}{title}\u{201d}, {publication}"));
    }
    if let Some(episode) = who.episode {
        parts.push(episode.to_string());
    }
    if who.low_reliability {
        parts.push("low-reliability source".into());
    }
    format!("— {}", parts.join(", "))
}

/// Markdown: the quote as a block quote (a `>` line per line, blank `>` between
/// paragraphs), then the attribution and the deep link.
pub fn markdown(data: &Dataset, quote: RecordRef) -> String {
    let q = &data.quotes[quote.index];
    let mut out = String::new();
    for (i, paragraph) in q.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        out.push_str("> ");
        out.push_str(paragraph);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&attribution(data, quote));
    out.push_str(&format!(" [{}]", data.deep_link(quote)));
    crate::sanitize::truncate(&out, MAX_COPY_BYTES).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Kind;

    #[test]
    fn markdown_citation_of_a_seed_quote() {
        let data = Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset;
        let q = data.find(Kind::Quote, "q06").expect("q06");
        let text = markdown(&data, q);
        assert!(text.starts_with("> The music business is quick"), "{text}");
        assert!(
            text.contains(
                "\n\n— Allen Hughes, \u{201c}'The Defiant Ones,' Allen Hughes and the American Dream\u{201d}"
            )
        );
        assert!(text.ends_with("[quote:q06]"));
    }
}
