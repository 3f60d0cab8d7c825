//! Where the Collections tab goes in the tab bar: after the pane tabs, in the longest form
//! that fits (the pane tabs shrink first if even the shortest does not). The view draws it
//! from this and a click is hit-tested with it, so the two cannot disagree.

use super::super::Pane;
use super::super::layout;
use crate::text::width;

/// A pane's tab: the pane, where it starts, its label.
pub type PaneTab = (Pane, u16, String);

/// The pane tabs and the Collections tab (start, label), if it fits.
pub fn bar(available: u16, counts: [usize; 5], collections: usize) -> (Vec<PaneTab>, Option<(u16, String)>) {
    let forms = [
        format!(" 7 Collections ({collections}) "),
        format!(" 7 Collections {collections} "),
        format!(" 7 Col {collections} "),
        " 7 Col ".to_string(),
    ];
    let place = |panes: &[PaneTab]| {
        let used = panes.last().map_or(0, |(_, start, label)| usize::from(*start) + width(label) + 1);
        let room = usize::from(available).saturating_sub(used);
        forms.iter().find(|f| width(f) <= room).map(|f| (used as u16, f.clone()))
    };
    let panes = layout::tabs(available, counts);
    if let Some(tab) = place(&panes) {
        return (panes, Some(tab));
    }
    let panes = layout::tabs(available.saturating_sub(8), counts);
    let tab = place(&panes);
    (panes, tab)
}
