//! The detail half: the history of visited records (each visit keeps its link and scroll),
//! the detail page on screen, and the scroll of a preview (the list's selection before it
//! is opened). Moving among links and scrolling live here; opening what a link points at
//! is the router's job.

use super::History;
use super::browse::Motion;
use crate::data::{Dataset, RecordRef};
use crate::present::detail::DetailDoc;
use crate::search::{Query, SearchIndex};

#[derive(Debug, Clone, Default)]
pub struct Detail {
    history: History,
    /// The page on screen, laid out for the current width and highlights.
    doc: Option<DetailDoc>,
    /// Scroll of the detail while it previews the list's selection (no visit yet).
    preview_scroll: usize,
}

impl Detail {
    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn doc(&self) -> Option<&DetailDoc> {
        self.doc.as_ref()
    }

    pub fn current(&self) -> Option<RecordRef> {
        self.history.current().map(|v| v.record)
    }

    pub fn visit(&mut self, record: RecordRef) {
        self.history.visit(record);
    }

    /// Step back or forward in history; false when there is nowhere to go.
    pub fn go(&mut self, step: fn(&mut History) -> bool) -> bool {
        step(&mut self.history)
    }

    /// Make visit `position` current again (`None`: the list), if history still has it.
    pub fn return_to(&mut self, position: Option<usize>) {
        self.history.set_position(position);
    }

    pub fn reset_preview(&mut self) {
        self.preview_scroll = 0;
    }

    /// Scroll of the page on screen and its selected link. `visiting` is whether the page
    /// is the current visit with the keyboard (not a preview, not under a search).
    pub fn position(&self, visiting: bool) -> (usize, Option<usize>) {
        match self.history.current() {
            Some(visit) if visiting => {
                let link = self.doc.as_ref().filter(|d| visit.link < d.links.len()).map(|_| visit.link);
                (visit.scroll, link)
            }
            _ => (self.preview_scroll, None),
        }
    }

    /// Lay the page out again if the record, the width or the highlighted query changed.
    pub fn show(
        &mut self,
        data: &Dataset,
        index: &SearchIndex,
        shown: Option<RecordRef>,
        width: Option<u16>,
        query: Option<&Query>,
    ) {
        let (Some(record), Some(width)) = (shown, width) else {
            self.doc = None;
            return;
        };
        if self.doc.as_ref().is_some_and(|d| d.record == record && d.width == width && d.query.as_ref() == query) {
            return;
        }
        let highlights = query.map(|q| index.highlights(record, q)).unwrap_or_default();
        self.doc = Some(DetailDoc::build(data, record, width, &highlights, query.cloned()));
    }

    /// Keep the scrolls and the selected link inside the page for `rows` rows on screen.
    pub fn clamp(&mut self, rows: usize, visiting: bool) {
        let max = self.doc.as_ref().map_or(0, |d| d.len().saturating_sub(rows));
        self.preview_scroll = self.preview_scroll.min(max);
        let links = self.doc.as_ref().map_or(0, |d| d.links.len());
        if visiting && let Some(visit) = self.history.current_mut() {
            visit.scroll = visit.scroll.min(max);
            visit.link = visit.link.min(links.saturating_sub(1));
        }
    }

    /// The selected link, if the page has one.
    pub fn selected_link(&self) -> Option<RecordRef> {
        let visit = self.history.current()?;
        self.doc.as_ref()?.links.get(visit.link).copied()
    }

    /// The selected link's group and its place there.
    pub fn selected_group(&self) -> Option<(Vec<RecordRef>, usize)> {
        let visit = self.history.current()?;
        let (group, at) = self.doc.as_ref()?.group_of(visit.link)?;
        Some((group.to_vec(), at))
    }

    /// Whether the selected link is on screen (a link is never followed unseen).
    pub fn link_visible(&self, rows: usize) -> bool {
        match (&self.doc, self.history.current()) {
            (Some(doc), Some(visit)) => {
                doc.link_row(visit.link).is_some_and(|r| r >= visit.scroll && r < visit.scroll + rows)
            }
            _ => false,
        }
    }

    /// Scroll the selected link into view.
    pub fn ensure_link_visible(&mut self, rows: usize) {
        let (Some(doc), Some(visit)) = (&self.doc, self.history.current_mut()) else { return };
        if let Some(row) = doc.link_row(visit.link) {
            if row < visit.scroll {
                visit.scroll = row;
            } else if row >= visit.scroll + rows {
                visit.scroll = row + 1 - rows;
            }
        }
    }

    /// j/k: the next link once it is on screen, otherwise one line of scrolling, so prose
    /// between links can be read.
    pub fn step(&mut self, delta: isize, rows: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(visit) = self.history.current_mut() else { return };
        let target = visit.link as isize + delta;
        let target_row = usize::try_from(target).ok().and_then(|t| doc.link_row(t));
        match target_row {
            Some(row) if row >= visit.scroll && row < visit.scroll + rows => visit.link = target as usize,
            _ => {
                let max = doc.len().saturating_sub(rows);
                visit.scroll = visit.scroll.saturating_add_signed(delta).min(max);
            }
        }
    }

    /// g/G and paging: scroll, then select the first link in view (the last link for G).
    pub fn jump(&mut self, motion: Motion, rows: usize) {
        self.scroll(motion, rows, true);
        if motion == Motion::Last
            && let (Some(doc), Some(visit)) = (&self.doc, self.history.current_mut())
        {
            visit.link = doc.links.len().saturating_sub(1);
        }
    }

    /// Scroll the visit (`visiting`) or the preview, keeping a link in view selected.
    pub fn scroll(&mut self, motion: Motion, rows: usize, visiting: bool) {
        let Some(doc) = &self.doc else { return };
        let max = doc.len().saturating_sub(rows);
        let delta = motion.delta(doc.len());
        match self.history.current_mut() {
            Some(visit) if visiting => {
                visit.scroll = visit.scroll.saturating_add_signed(delta).min(max);
                if let Some(first) = doc.first_link_in(visit.scroll..visit.scroll + rows) {
                    let current = doc.link_row(visit.link).unwrap_or(usize::MAX);
                    if current < visit.scroll || current >= visit.scroll + rows {
                        visit.link = first;
                    }
                }
            }
            _ => self.preview_scroll = self.preview_scroll.saturating_add_signed(delta).min(max),
        }
    }

    /// `]`/`[`: scroll so the next (previous) section's heading is the top line, and select
    /// the first link in view, so a long field never has to be walked line by line.
    pub fn jump_section(&mut self, forward: bool, rows: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(visit) = self.history.current_mut() else { return };
        let max = doc.len().saturating_sub(rows);
        // Where the reader is: the selected link when it is on screen, else the top line.
        let at =
            doc.link_row(visit.link).filter(|&r| r >= visit.scroll && r < visit.scroll + rows).unwrap_or(visit.scroll);
        let from = if forward { at } else { doc.heading_from(at + 1, false).unwrap_or(at) };
        let Some(row) = doc.heading_from(from, forward) else { return };
        // Past the last full page every heading is on screen already: land on the page's end.
        visit.scroll = row.min(max);
        if let Some(link) = doc.first_link_in(row..visit.scroll + rows) {
            visit.link = link;
        }
    }

    /// The link on a line of the page, counting from the top of the screen.
    pub fn link_on_screen(&self, row_on_screen: usize, visiting: bool) -> Option<usize> {
        let (scroll, _) = self.position(visiting);
        self.doc.as_ref()?.link_at(scroll + row_on_screen)
    }

    /// Select a link of the current visit, keeping the scroll at `scroll` if given.
    pub fn select_link(&mut self, link: usize, scroll: Option<usize>) {
        if let Some(visit) = self.history.current_mut() {
            visit.link = link;
            if let Some(scroll) = scroll {
                visit.scroll = scroll;
            }
        }
    }
}
