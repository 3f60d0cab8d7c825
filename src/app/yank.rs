//! Copy or open what is on screen: the yank menu (`y` then `y` text, `l` deep link, `u`
//! URL, `i` id) and `o`, which opens a source's URL. What the target is follows where the
//! user is: the quote in the reader, the record of the page in a detail, the selected row
//! in a list; the URL is the selected source link's, else the record's first source.

use super::effect::Effect;
use super::request::{Outbox, Request};
use super::{Action, App, Context, Focus, Yank};
use crate::data::{Kind, RecordRef};
use crate::present::citation;

impl App {
    /// The record a yank or `o` acts on, where the user is.
    pub fn target(&self) -> Option<RecordRef> {
        match self.context() {
            Context::Reader => self.reader().map(|r| r.current()),
            Context::Detail => self.browser.detail().current(),
            Context::List => self.selected(),
            _ => None,
        }
    }

    /// The URL `u` and `o` use: the selected link's when it is a source, else the record's
    /// own (a source) or its first source's.
    pub fn target_url(&self) -> Option<String> {
        let data = self.data();
        let selected_source = match self.context() {
            Context::Detail => self.browser.detail().selected_link().filter(|r| r.kind == Kind::Source),
            _ => None,
        };
        let source = match selected_source {
            Some(source) => source,
            None => {
                let record = self.target()?;
                if record.kind == Kind::Source {
                    record
                } else if record.kind == Kind::Quote {
                    let quote = &data.quotes[record.index];
                    data.find(Kind::Source, quote.source.as_str())?
                } else {
                    let groups = data.link_groups(record);
                    *groups.iter().find(|g| g.kind == Kind::Source)?.items.first()?
                }
            }
        };
        let url = data.sources[source.index].url.trim();
        (!url.is_empty()).then(|| url.to_string())
    }

    pub(super) fn yank(&mut self, what: Yank, out: &mut Outbox) {
        let Some(record) = self.target() else {
            out.say("Nothing selected to copy");
            return;
        };
        let data = self.data();
        let (text, name) = match what {
            Yank::Text if record.kind == Kind::Quote => (citation::markdown(data, record), "quote with citation"),
            Yank::Text => (data.label(record).into_owned(), "title"),
            Yank::Link => (data.deep_link(record), "link"),
            Yank::Id => (data.id(record).to_string(), "id"),
            Yank::Url => match self.target_url() {
                Some(url) => (crate::present::url::checked(&url).unwrap_or(url), "URL"),
                None => {
                    out.say("No source URL here");
                    return;
                }
            },
        };
        copy(text, name, out);
    }

    /// `o`: open the URL with the system opener; a URL that is not http(s) is copied.
    pub(super) fn open_url(&mut self, out: &mut Outbox) {
        let Some(url) = self.target_url() else {
            out.say("No source URL here");
            return;
        };
        // Only checked http(s) addresses reach the opener; anything else (`file:`,
        // `javascript:`) is copied instead, never opened.
        match crate::present::url::checked(&url) {
            Some(url) => {
                out.say(format!("Opening {}", crate::text::truncate_to_width(&url, 70)));
                out.send(Request::Run(Effect::OpenUrl(url)));
            }
            None => {
                out.say("Not a web address: copied instead of opened");
                out.send(Request::Run(Effect::Copy(url)));
            }
        }
    }

    /// Whether the focus is where yank and open apply (not in a prompt).
    pub(super) fn yank_applies(&self, action: Action) -> bool {
        matches!(action, Action::Yank(_) | Action::OpenUrl)
            && matches!(self.context(), Context::Reader | Context::Detail | Context::List)
            && (self.context() != Context::Detail || self.focus() == Focus::Detail)
    }
}

fn copy(text: String, name: &str, out: &mut Outbox) {
    let shown = crate::text::truncate_to_width(&text.replace('\n', " "), 60);
    let message = if name == "quote with citation" || name == "title" {
        format!("Copied {name} ({} bytes) to the clipboard", text.len())
    } else {
        format!("Copied {name} {shown}")
    };
    out.say(message);
    out.send(Request::Run(Effect::Copy(text)));
}
