//! Property: any sequence of keys, clicks, wheel turns and resizes (0×0 to 300×100) never
//! panics, and selection, scroll and history stay in range after every step.

mod common;

use common::{app, bundled, key, send, terminal};
use defiant::app::{App, Focus, Internal, Message, Pane};
use defiant::ui::Palette;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "<c-d>",
    "<c-u>",
    "<pgdn>",
    "<pgup>",
    "<home>",
    "<end>",
    "<tab>",
    "<s-tab>",
    "1",
    "2",
    "3",
    "4",
    "5",
    "h",
    "l",
    "<enter>",
    "<enter>",
    "<esc>",
    "<bs>",
    "<a-left>",
    "<a-right>",
    "?",
    "<left>",
    "<right>",
    // Marks, collections and history (issue #16).
    "m",
    "M",
    "x",
    "7",
    "J",
    "K",
    "a",
    "d",
    "E",
    "<c-o>",
    "<a-m>",
];

#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, i16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop::sample::select(KEYS).prop_map(Step::Key),
        1 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Step::Click(x, y)),
        1 => (0u16..130, 0u16..45, prop::sample::select(&[-1i16, 1][..])).prop_map(|(x, y, d)| Step::Wheel(x, y, d)),
    ]
}

/// Apply one step; true when it quits.
fn apply(app: &mut App, step: &Step) -> bool {
    let message: Option<Message> = match *step {
        Step::Key(token) => Some(Message::Key(key(token))),
        Step::Resize(width, height) => Some(Internal::Resized { width, height }.into()),
        Step::Click(column, row) => Some(Internal::Clicked { column, row }.into()),
        Step::Wheel(column, row, lines) => Some(Internal::Scrolled { column, row, lines }.into()),
    };
    message.is_some_and(|message| send(app, message).quit)
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let rows = app.layout().map_or(1, |l| l.list_rows());
    for pane in Pane::ALL {
        let len = app.rows(pane).len(app.data());
        let c = app.cursor(pane);
        prop_assert!(len == 0 || c.selected < len, "{pane:?} selected {} of {len}", c.selected);
        prop_assert!(c.offset <= c.selected, "{pane:?} offset {} past selection {}", c.offset, c.selected);
        prop_assert!(c.selected < c.offset + rows.max(1), "{pane:?} selection off screen");
    }
    if let Some(search) = app.search() {
        let len = search.shown.len();
        prop_assert!(len == 0 || search.list.selected < len, "result selection out of range");
        prop_assert!(search.rows.len() <= rows.max(1), "more result rows than fit");
    }
    let (saved, shelf) = (app.kept().saved(), app.shelf());
    let names = saved.collections.len();
    prop_assert!(names == 0 || shelf.names_cursor().selected < names, "collection cursor out of range");
    if let Some(c) = shelf.open_collection(saved) {
        let len = c.entries.len();
        prop_assert!(len == 0 || shelf.entries_cursor().selected < len, "entry cursor out of range");
    }
    if app.focus() == Focus::Detail && app.search().is_none() {
        prop_assert!(app.history().current().is_some(), "detail focus without a page");
    }
    if let (Some(doc), Some(visit)) = (app.doc(), app.history().current())
        && app.focus() == Focus::Detail
    {
        let detail_rows = app.layout().map_or(1, |l| l.detail_rows());
        prop_assert!(visit.scroll <= doc.len().saturating_sub(detail_rows), "detail scrolled past the end");
        prop_assert!(doc.links.is_empty() || visit.link < doc.links.len(), "link cursor out of range");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics_and_keeps_state_in_range(steps in prop::collection::vec(step(), 1..60)) {
        let mut app = app(bundled(), 120, 40);
        let palette = Palette::colour();
        for step in &steps {
            let quit = apply(&mut app, step);
            check_invariants(&app)?;
            if quit {
                break;
            }
            let _ = terminal(&app, &palette);
        }
    }
}
