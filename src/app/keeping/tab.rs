//! Where the Collections tab goes in the tab bar: after the pane tabs, in the longest form
//! that fits (the pane tabs shrink first if even the shortest does not). The view draws it
//! from this and a click is hit-tested with it, so the two cannot disagree.

use super::super::Pane;
use super::super::layout;
use crate::text::width;

/// A pane's tab: the pane, where it starts, its label.
pub type PaneTab = (Pane, u16, String);

/// The pane tabs and the Collections tab (start, label), if it fits.
pub fn bar(
    available: u16,
    counts: [usize; Pane::ALL.len()],
    shown: Pane,
    collections: usize,
) -> (Vec<PaneTab>, Option<(u16, String)>) {
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
    let panes = layout::tabs_for(available, counts, shown);
    if let Some(tab) = place(&panes).filter(|(_, label)| *label == forms[0]) {
        return (panes, Some(tab));
    }
    // The pane tabs take a shorter form before the Collections tab does (#12: seven panes).
    let shorter = layout::tabs_for(available.saturating_sub(width(&forms[0]) as u16), counts, shown);
    let full_names = shorter.iter().all(|(pane, _, label)| label.contains(pane.title()));
    if full_names && let Some(tab) = place(&shorter).filter(|(_, label)| *label == forms[0]) {
        return (shorter, Some(tab));
    }
    if let Some(tab) = place(&panes) {
        return (panes, Some(tab));
    }
    let panes = layout::tabs_for(available.saturating_sub(8), counts, shown);
    let tab = place(&panes);
    (panes, tab)
}
