//! The full-screen quote reader: one quote in a centred column of readable width, its
//! attribution, and the collection it was opened from (search results, a person's or a
//! theme's quotes, all quotes) to page through. Esc returns exactly where the reader was
//! opened, because nothing else in the app changes while it is open.

use ratatui::layout::Rect;

use super::App;
use crate::data::{Dataset, RecordRef};
use crate::present::reader::{Place, ReaderPage};
use crate::search::{Field, Query};

/// Column width in characters when the reader opens (about 66 is the classic measure).
pub const DEFAULT_WIDTH: u16 = 66;
pub const MIN_WIDTH: u16 = 24;
pub const MAX_WIDTH: u16 = 120;
const WIDTH_STEP: u16 = 6;

#[derive(Debug, Clone)]
pub struct Reader {
    /// Quotes in reading order.
    pub collection: Vec<RecordRef>,
    pub position: usize,
    /// What the collection is, for the position line ("Jimmy Iovine's quotes").
    pub name: String,
    pub scroll: usize,
    /// The search it was opened from, whose matches stay highlighted.
    pub query: Option<Query>,
    /// Matched char positions in the current quote's text, found in `update` when the
    /// quote changes (never while drawing).
    pub matches: Option<Vec<usize>>,
}

impl Reader {
    pub fn current(&self) -> RecordRef {
        self.collection[self.position]
    }

    /// The current quote laid out for the column a terminal of `size` gives `width`.
    pub fn page(&self, data: &Dataset, width: u16, size: Rect) -> ReaderPage {
        let place = Place { position: self.position, len: self.collection.len(), collection: &self.name };
        let column = super::layout::reader_width(size, width);
        ReaderPage::build(data, self.current(), self.matches.as_deref(), place, column)
    }
}

impl App {
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }

    /// The open reader's page, laid out for the terminal.
    pub fn reader_page(&self) -> Option<ReaderPage> {
        self.reader.as_ref().map(|reader| reader.page(&self.data, self.reader_width, self.size))
    }

    /// The reader's preferred column width; kept while it is closed, and the view never
    /// exceeds the terminal.
    pub fn reader_column(&self) -> u16 {
        self.reader_width
    }

    /// Open the reader on `collection[position]` (quotes only; others are dropped).
    pub(super) fn open_reader(
        &mut self,
        collection: Vec<RecordRef>,
        position: usize,
        name: String,
        query: Option<Query>,
    ) {
        let current = collection.get(position).copied();
        let collection: Vec<RecordRef> =
            collection.into_iter().filter(|r| r.kind == crate::data::Kind::Quote).collect();
        let Some(position) = current.and_then(|c| collection.iter().position(|&r| r == c)) else { return };
        self.reader = Some(Reader { collection, position, name, scroll: 0, query, matches: None });
        self.help = None;
        self.find_reader_matches();
    }

    /// Where the search matched the current quote's text, for the view to highlight.
    fn find_reader_matches(&mut self) {
        let index = self.index.clone();
        let Some(reader) = &mut self.reader else { return };
        let quote = reader.current();
        reader.matches = reader.query.as_ref().and_then(|query| {
            index.highlights(quote, query).into_iter().find(|h| h.field == Field::Text).map(|h| h.positions)
        });
    }

    pub(super) fn close_reader(&mut self) {
        self.reader = None;
    }

    /// Next or previous quote of the collection; stops at the ends and says so.
    pub(super) fn reader_step(&mut self, forward: bool) {
        let Some(reader) = &mut self.reader else { return };
        let last = reader.collection.len() - 1;
        match (forward, reader.position) {
            (true, p) if p == last => self.status = Some(format!("Last quote of {}", reader.name)),
            (false, 0) => self.status = Some(format!("First quote of {}", reader.name)),
            (true, p) => {
                reader.position = p + 1;
                reader.scroll = 0;
            }
            (false, p) => {
                reader.position = p - 1;
                reader.scroll = 0;
            }
        }
        self.find_reader_matches();
    }

    pub(super) fn reader_random(&mut self) {
        // xorshift64: statistically fine for picking a quote, no dependency needed.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        let Some(reader) = &mut self.reader else { return };
        reader.position = (self.rng % reader.collection.len() as u64) as usize;
        reader.scroll = 0;
        self.find_reader_matches();
    }

    pub(super) fn change_reader_width(&mut self, change: i32) {
        let Some(reader) = &mut self.reader else { return };
        self.reader_width = match change {
            0 => DEFAULT_WIDTH,
            c if c > 0 => (self.reader_width + WIDTH_STEP).min(MAX_WIDTH),
            _ => self.reader_width.saturating_sub(WIDTH_STEP).max(MIN_WIDTH),
        };
        reader.scroll = 0;
        self.status = Some(format!("Column width {}", self.reader_width));
    }

    pub(super) fn reader_scroll(&mut self, delta: isize) {
        let max = self.reader_max_scroll();
        if let Some(reader) = &mut self.reader {
            reader.scroll = reader.scroll.saturating_add_signed(delta).min(max);
        }
    }

    /// Lines the reader can scroll: laid out by the same function the view uses.
    fn reader_max_scroll(&self) -> usize {
        let Some(reader) = &self.reader else { return 0 };
        let page = reader.page(&self.data, self.reader_width, self.size);
        let rows = usize::from(super::layout::reader_column(self.size, self.reader_width).height);
        page.lines.len().saturating_sub(rows)
    }

    /// `y`: the quote as Markdown with its citation; `Y`: its deep link.
    pub(super) fn copy(&mut self, citation: bool) {
        let Some(reader) = &self.reader else { return };
        let quote = reader.current();
        let text =
            if citation { crate::present::citation::markdown(&self.data, quote) } else { self.data.deep_link(quote) };
        let what = if citation { "quote with citation" } else { "link" };
        self.status = Some(format!("Copied {what} ({} bytes) to the clipboard", text.len()));
        self.clipboard = Some(text);
    }

    /// Text waiting to be sent to the terminal's clipboard (OSC 52) by the run loop.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// The quote's detail page, leaving the reader.
    pub(super) fn reader_details(&mut self) {
        if let Some(reader) = self.reader.take() {
            self.visit(reader.current());
        }
    }
}
