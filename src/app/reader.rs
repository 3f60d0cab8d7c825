//! The full-screen quote reader: one quote in a centred column of readable width, its
//! attribution, and the collection it was opened from (search results, a person's or a
//! theme's quotes, all quotes) to page through. Esc returns exactly where the reader was
//! opened, because nothing else in the app changes while it is open.

use ratatui::layout::Rect;

use super::Action;
use super::browse::Motion;
use super::layout;
use super::request::{Outbox, ReadRequest, Request};
use super::search::Direction;
use crate::data::{Dataset, Kind, RecordRef};
use crate::present::reader::{Place, ReaderPage};
use crate::search::{Field, Query, SearchIndex};

/// Column width in characters when the reader opens (about 66 is the classic measure).
pub const DEFAULT_WIDTH: u16 = 66;
pub const MIN_WIDTH: u16 = 24;
pub const MAX_WIDTH: u16 = 120;
const WIDTH_STEP: u16 = 6;

/// How far one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidthChange {
    Wider,
    Narrower,
    Reset,
}

/// The open reader.
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
    /// Matched char positions in the current quote's text, found when the quote changes.
    pub matches: Option<Vec<usize>>,
    /// The current quote laid out for the column; rebuilt when the quote, the width or
    /// the terminal changes, never while drawing.
    page: ReaderPage,
    /// Rows of the text column.
    rows: usize,
}

impl Reader {
    pub fn current(&self) -> RecordRef {
        self.collection[self.position]
    }

    pub fn page(&self) -> &ReaderPage {
        &self.page
    }

    /// Rows of text on screen.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Lay the current quote out for `column`, keeping the scroll inside it.
    fn lay_out(&mut self, data: &Dataset, column: Rect) {
        let place = Place { position: self.position, len: self.collection.len(), collection: &self.name };
        self.page = ReaderPage::build(data, self.current(), self.matches.as_deref(), place, column.width);
        self.rows = usize::from(column.height);
        self.scroll = self.scroll.min(self.page.lines.len().saturating_sub(self.rows));
    }

    /// Whether text lies below the screen.
    pub fn has_more(&self) -> bool {
        self.scroll + self.rows < self.page.lines.len()
    }
}

/// The reader layer: the open reader, if any, and what outlives it (the chosen width and
/// the random picker's state).
#[derive(Debug, Clone)]
pub struct Reading {
    open: Option<Reader>,
    /// Column width the reader opens with (the last one chosen).
    width: u16,
    /// What `=` resets the width to: the config's `reader-width`, else [`DEFAULT_WIDTH`].
    default_width: u16,
    /// State of the random quote picker.
    rng: u64,
}

impl Default for Reading {
    fn default() -> Self {
        Self { open: None, width: DEFAULT_WIDTH, default_width: DEFAULT_WIDTH, rng: 0x9E37_79B9_7F4A_7C15 }
    }
}

impl Reading {
    pub fn reader(&self) -> Option<&Reader> {
        self.open.as_ref()
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The preferred column width; kept while the reader is closed.
    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn seed(&mut self, seed: u64) {
        self.rng = seed | 1;
    }

    /// Open the reader on `collection[position]` (quotes only; others are dropped).
    pub fn open(&mut self, data: &Dataset, index: &SearchIndex, request: ReadRequest, size: Rect) {
        let ReadRequest { collection, position, name, query } = request;
        let current = collection.get(position).copied();
        let collection: Vec<RecordRef> = collection.into_iter().filter(|r| r.kind == Kind::Quote).collect();
        let Some(position) = current.and_then(|c| collection.iter().position(|&r| r == c)) else { return };
        // An empty page until `show_quote` lays the first one out, a line below.
        let page = ReaderPage { quote: collection[position], width: 0, lines: Vec::new() };
        self.open = Some(Reader { collection, position, name, scroll: 0, query, matches: None, page, rows: 1 });
        self.show_quote(data, index, size);
    }

    pub fn close(&mut self) {
        self.open = None;
    }

    /// Keys while the reader is open; false for the ones handled as usual (quit, help).
    pub fn update(&mut self, shared: (&Dataset, &SearchIndex), action: Action, size: Rect, out: &mut Outbox) -> bool {
        let (data, index) = shared;
        let page = size.height.saturating_sub(4).max(1) as isize;
        match action {
            Action::NextQuote => self.step(data, index, Direction::Forward, size, out),
            Action::PreviousQuote => self.step(data, index, Direction::Backward, size, out),
            Action::RandomQuote => self.random(data, index, size),
            Action::WiderColumn => self.change_width(data, WidthChange::Wider, size, out),
            Action::NarrowerColumn => self.change_width(data, WidthChange::Narrower, size, out),
            Action::ResetColumn => self.change_width(data, WidthChange::Reset, size, out),
            Action::SelectNext => self.scroll(Motion::By(1)),
            Action::SelectPrevious => self.scroll(Motion::By(-1)),
            Action::PageDown => self.scroll(Motion::By(page)),
            Action::PageUp => self.scroll(Motion::By(-page)),
            Action::HalfPageDown => self.scroll(Motion::By(page / 2)),
            Action::HalfPageUp => self.scroll(Motion::By(-page / 2)),
            Action::SelectFirst => self.scroll(Motion::First),
            Action::SelectLast => self.scroll(Motion::Last),
            Action::GoTo(line) => {
                self.scroll(Motion::First);
                self.scroll(Motion::By(line.saturating_sub(1) as isize));
            }
            Action::ShowDetails => {
                // The quote's detail page, leaving the reader.
                if let Some(reader) = self.open.take() {
                    out.send(Request::Visit(reader.current()));
                }
            }
            Action::Cancel => self.close(),
            Action::ToggleHelp => out.send(Request::OpenHelp),
            _ => return false,
        }
        true
    }

    /// The wheel scrolls the quote.
    pub fn wheel(&mut self, lines: isize) {
        self.scroll(Motion::By(lines * WHEEL_LINES));
    }

    /// Lay the page out again for a new terminal size.
    pub fn resize(&mut self, data: &Dataset, size: Rect) {
        self.lay_out(data, size);
    }

    fn step(&mut self, data: &Dataset, index: &SearchIndex, direction: Direction, size: Rect, out: &mut Outbox) {
        let Some(reader) = &mut self.open else { return };
        let last = reader.collection.len() - 1;
        match (direction, reader.position) {
            (Direction::Forward, p) if p == last => out.say(format!("Last quote of {}", reader.name)),
            (Direction::Backward, 0) => out.say(format!("First quote of {}", reader.name)),
            (Direction::Forward, p) => {
                reader.position = p + 1;
                self.show_quote(data, index, size);
            }
            (Direction::Backward, p) => {
                reader.position = p - 1;
                self.show_quote(data, index, size);
            }
        }
    }

    fn random(&mut self, data: &Dataset, index: &SearchIndex, size: Rect) {
        // xorshift64: statistically fine for picking a quote, no dependency needed.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        let Some(reader) = &mut self.open else { return };
        reader.position = (self.rng % reader.collection.len() as u64) as usize;
        // A new pick starts at its top, even when it is the same quote.
        self.show_quote(data, index, size);
    }

    /// A quote is on screen anew (another one, or a new pick): its matches, its page, its top.
    fn show_quote(&mut self, data: &Dataset, index: &SearchIndex, size: Rect) {
        let width = self.width;
        let Some(reader) = &mut self.open else { return };
        let quote = reader.current();
        reader.matches = reader.query.as_ref().and_then(|query| {
            index.highlights(quote, query).into_iter().find(|h| h.field == Field::Text).map(|h| h.positions)
        });
        reader.scroll = 0;
        reader.lay_out(data, layout::reader_column(size, width));
    }

    fn change_width(&mut self, data: &Dataset, change: WidthChange, size: Rect, out: &mut Outbox) {
        if self.open.is_none() {
            return;
        }
        self.width = match change {
            WidthChange::Reset => self.default_width,
            WidthChange::Wider => (self.width + WIDTH_STEP).min(MAX_WIDTH),
            WidthChange::Narrower => self.width.saturating_sub(WIDTH_STEP).max(MIN_WIDTH),
        };
        if let Some(reader) = &mut self.open {
            reader.scroll = 0;
        }
        self.lay_out(data, size);
        // The number the indicator shows: what the terminal allows of the width chosen.
        let shown = layout::reader_width(size, self.width);
        if shown < self.width {
            out.say(format!("Column width {shown} (the terminal's limit; {} when it is wider)", self.width));
        } else {
            out.say(format!("Column width {shown}"));
        }
    }

    /// The column changed (its width or the terminal): lay the page out again if its width did.
    fn lay_out(&mut self, data: &Dataset, size: Rect) {
        let column = layout::reader_column(size, self.width);
        if let Some(reader) = &mut self.open {
            if reader.page.width == column.width {
                reader.rows = usize::from(column.height);
                reader.scroll = reader.scroll.min(reader.page.lines.len().saturating_sub(reader.rows));
            } else {
                reader.lay_out(data, column);
            }
        }
    }

    fn scroll(&mut self, motion: Motion) {
        if let Some(reader) = &mut self.open {
            let max = reader.page.lines.len().saturating_sub(reader.rows);
            reader.scroll = reader.scroll.saturating_add_signed(motion.delta(reader.page.lines.len())).min(max);
        }
    }

    /// The text column's preferred width, within the limits (`:width N`).
    pub fn set_width(&mut self, data: &Dataset, width: u16, size: Rect) {
        self.width = width.clamp(MIN_WIDTH, MAX_WIDTH);
        self.lay_out(data, size);
    }

    /// The width to open with and to reset to (the config's `[ui] reader-width`).
    pub fn set_default_width(&mut self, data: &Dataset, width: u16, size: Rect) {
        self.set_width(data, width, size);
        self.default_width = self.width;
    }
}
