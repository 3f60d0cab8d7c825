//! What issue #12 adds to the app's model: the Overview's charts and the Timeline, made from
//! the data once at start, the read access to pane rows and orders, and the breadcrumb.

use super::{App, order, rows};
use crate::data::{Dataset, Kind, RecordRef};
use crate::present::overview::Charts;
use crate::present::timeline::Timeline;

/// How many steps of the visit trail the breadcrumb shows.
pub const CRUMBS: usize = 4;

/// What the Overview and the Timeline show, made from the data at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Story {
    pub charts: Charts,
    pub timeline: Timeline,
    /// Being made off the UI thread (at a million records the charts read every quote, the
    /// Timeline every person: hundreds of milliseconds); the Overview and the Timeline say
    /// so until `Internal::StoryCounted` brings it.
    pub counting: bool,
}

impl Story {
    pub fn build(data: &Dataset) -> Self {
        Self { charts: Charts::build(data), timeline: Timeline::build(data), counting: false }
    }

    /// Nothing yet: the caller builds the story elsewhere and sends it.
    pub fn counting() -> Self {
        Self { counting: true, ..Self::default() }
    }
}

impl App {
    /// The story made off the UI thread has come: its panes list their rows.
    pub(super) fn story_counted(&mut self, story: std::sync::Arc<Story>) {
        self.shared.story = story;
        let rows = self.view().list_rows();
        self.browser.set_story_rows(&self.shared.data, &self.shared.story, rows);
        self.sync();
    }

    /// What a pane lists, in the order shown.
    pub fn rows(&self, pane: super::Pane) -> &rows::Rows {
        self.browser.browse().rows(pane)
    }

    /// A pane's order (`o`).
    pub fn order(&self, pane: super::Pane) -> order::Order {
        self.browser.browse().order(pane)
    }

    /// The Overview's charts and the Timeline.
    pub fn story(&self) -> &Story {
        &self.shared.story
    }

    /// The breadcrumb: the path back to where the visits started (the pane's name before
    /// the first visit), at most the last [`CRUMBS`] steps, after `…` when there were more.
    pub fn breadcrumb(&self) -> Vec<String> {
        let trail = self.history().trail();
        if trail.is_empty() {
            return vec![self.pane().title().to_string()];
        }
        let skipped = trail.len().saturating_sub(CRUMBS);
        let shown = trail[skipped..].iter().map(|visit| self.crumb(visit.record));
        if skipped > 0 { std::iter::once("…".to_string()).chain(shown).collect() } else { shown.collect() }
    }

    fn crumb(&self, r: RecordRef) -> String {
        match r.kind {
            Kind::Quote | Kind::Source => format!("{} {}", r.kind.name(), self.data().id(r)),
            _ => crate::text::truncate_to_width(&self.data().label(r), 28),
        }
    }
}
