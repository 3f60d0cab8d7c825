//! Marks, collections, notes, history and the last session through the keymap and
//! `update` (issue #16), with the effects the run loop would hand to the store, and
//! snapshots of the Collections pane and the history list.

mod common;

use common::{Ran, app, bundled, press, screen, terminal, type_text};
use defiant::app::{App, Context, Focus, Pane, Persistence};
use defiant::data::{Kind, RecordRef};
use defiant::saved::{Change, Collection, Entry, Key, Saved, Visited};
use defiant::ui::Palette;

/// An app on the bundled data that keeps state (in memory; the effects say what would be
/// written), with the clock at a fixed time.
fn keeping(saved: Saved) -> App {
    let mut app = app(bundled(), 120, 40);
    app.keep("the-defiant-ones#bundled", saved, Persistence::On);
    app.set_clock(1_764_610_200);
    app
}

fn key(kind: Kind, id: &str) -> Key {
    Key { kind, id: id.to_string() }
}

fn marked(app: &App) -> Vec<String> {
    app.kept()
        .saved()
        .collection("marked")
        .map_or(Vec::new(), |c| c.entries.iter().map(|e| e.key.to_string()).collect())
}

fn adds(ran: &Ran) -> Vec<String> {
    ran.saved
        .iter()
        .filter_map(|c| match c {
            Change::Add { collection, key } => Some(format!("{collection}:{key}")),
            _ => None,
        })
        .collect()
}

#[test]
fn m_marks_and_unmarks_the_selected_record_and_saves_each_edit() {
    let mut app = keeping(Saved::default());
    let ran = press(&mut app, "5 m j m");
    assert_eq!(marked(&app), ["quote:q01", "quote:q02"]);
    assert_eq!(adds(&ran), ["marked:quote:q01", "marked:quote:q02"]);
    assert!(app.is_kept(RecordRef::new(Kind::Quote, 0)));
    let ran = press(&mut app, "m");
    assert_eq!(marked(&app), ["quote:q01"]);
    assert!(matches!(&ran.saved[..], [Change::Remove { .. }]), "{:?}", ran.saved);
    assert!(app.status().is_some_and(|s| s.starts_with("Unmarked")));
    // The list shows a glyph on kept rows: ★ in colour, * under NO_COLOR.
    assert!(screen(&app).contains("│★"), "{}", screen(&app));
    let mono = terminal(&app, &Palette::monochrome());
    let row: String = (0..20).map(|x| mono.backend().buffer()[(x, 3)].symbol().to_string()).collect();
    assert!(row.starts_with("│*"), "{row}");
}

#[test]
fn m_on_a_persons_page_marks_the_selected_quote_link() {
    let mut app = keeping(Saved::default());
    let _ = app.open(app.data().find(Kind::Person, "jimmy-iovine").expect("jimmy-iovine"));
    // Step through the links to the first quote.
    for _ in 0..60 {
        let (_, link) = app.detail_position();
        let doc = app.doc().expect("a page");
        if link.and_then(|l| doc.links.get(l)).is_some_and(|r| r.kind == Kind::Quote) {
            break;
        }
        press(&mut app, "j");
    }
    let (_, link) = app.detail_position();
    let target = app.doc().and_then(|d| link.and_then(|l| d.links.get(l).copied())).expect("a quote link");
    assert_eq!(target.kind, Kind::Quote);
    press(&mut app, "m");
    assert_eq!(marked(&app), [format!("quote:{}", app.data().id(target))]);
}

#[test]
fn m_in_the_reader_and_alt_m_in_search_results() {
    let mut app = keeping(Saved::default());
    press(&mut app, "5 <enter>");
    assert_eq!(app.context(), Context::Reader);
    press(&mut app, "m n m");
    assert_eq!(marked(&app), ["quote:q01", "quote:q02"]);
    press(&mut app, "<esc> s");
    type_text(&mut app, "iovine");
    press(&mut app, "<a-m>");
    let selected = app.search().and_then(|s| s.selected()).expect("a result");
    assert!(marked(&app).contains(&format!("{}:{}", selected.kind, app.data().id(selected))));
}

#[test]
fn capital_m_prompts_for_a_collection_with_completion() {
    let mut app = keeping(Saved::default());
    press(&mut app, "5 M");
    assert_eq!(app.context(), Context::Prompt);
    type_text(&mut app, "reading list");
    let ran = press(&mut app, "<enter>");
    assert_eq!(adds(&ran), ["reading list:quote:q01"]);
    // Completion: the names that start with what was typed, Tab cycling.
    press(&mut app, "j M r <tab>");
    assert_eq!(app.prompt().map(|p| p.text().to_string()).as_deref(), Some("reading list"));
    press(&mut app, "<enter>");
    let c = app.kept().saved().collection("reading list").expect("made");
    assert_eq!(c.entries.len(), 2);
    // A record can be in several collections; Esc changes nothing.
    press(&mut app, "m M x <esc>");
    assert_eq!(app.kept().saved().collections.len(), 2);
    assert_eq!(app.context(), Context::List);
}

fn shelf_with_three() -> Saved {
    let entry = |kind, id: &str, note: &str| Entry { key: key(kind, id), note: note.into() };
    Saved {
        collections: vec![
            Collection {
                name: "sheet".into(),
                entries: vec![
                    entry(Kind::Quote, "q06", "opening line"),
                    entry(Kind::Person, "nobody-here", ""),
                    entry(Kind::Quote, "q01", ""),
                    entry(Kind::Person, "dr-dre", ""),
                ],
            },
            Collection { name: "marked".into(), entries: vec![entry(Kind::Quote, "q02", "")] },
        ],
        ..Saved::default()
    }
}

#[test]
fn the_collections_pane_reorders_notes_removes_and_opens() {
    let mut app = keeping(shelf_with_three());
    press(&mut app, "7");
    assert_eq!(app.context(), Context::Collections);
    press(&mut app, "<enter>");
    assert_eq!(app.shelf().open_name(), Some("sheet"));
    // J moves the first record down; K back up.
    let ran = press(&mut app, "J");
    assert!(matches!(&ran.saved[..], [Change::Swap { .. }]));
    let order = |app: &App| -> Vec<String> {
        app.kept()
            .saved()
            .collection("sheet")
            .map_or(Vec::new(), |c| c.entries.iter().map(|e| e.key.id.clone()).collect())
    };
    assert_eq!(order(&app), ["nobody-here", "q06", "q01", "dr-dre"]);
    assert_eq!(app.shelf().entries_cursor().selected, 1, "the cursor follows the record");
    press(&mut app, "K");
    assert_eq!(order(&app), ["q06", "nobody-here", "q01", "dr-dre"]);
    // a edits the note in a prompt holding the old one.
    press(&mut app, "a");
    assert_eq!(app.prompt().map(|p| p.text().to_string()).as_deref(), Some("opening line"));
    press(&mut app, "<c-u>");
    type_text(&mut app, "the line to open with \u{1b}[31m");
    let ran = press(&mut app, "<enter>");
    assert!(matches!(&ran.saved[..], [Change::Note { .. }]));
    let note = &app.kept().saved().collection("sheet").expect("sheet").entries[0].note;
    assert_eq!(note, "the line to open with ␛[31m", "sanitized");
    // A missing record shows as such, cannot open, and d removes it.
    press(&mut app, "j <enter>");
    assert!(app.status().is_some_and(|s| s.contains("missing: person:nobody-here")), "{:?}", app.status());
    press(&mut app, "d");
    assert_eq!(order(&app), ["q06", "q01", "dr-dre"]);
    // Enter on a quote reads the collection's quotes, and the reader pages through them.
    press(&mut app, "<home> <enter>");
    let reader = app.reader().expect("reader");
    assert_eq!(reader.collection.len(), 2);
    assert_eq!(app.data().id(reader.current()), "q06");
    press(&mut app, "n");
    assert_eq!(app.reader().map(|r| app.data().id(r.current()).to_string()).as_deref(), Some("q01"));
    // Back in the pane, Enter on a person opens the page; h comes back to the pane.
    press(&mut app, "<esc> G <enter>");
    assert_eq!(app.focus(), Focus::Detail);
    press(&mut app, "h");
    assert_eq!(app.context(), Context::Collections);
    // Esc leaves the collection; a pane key leaves the Collections pane.
    press(&mut app, "<esc>");
    assert_eq!(app.shelf().open_name(), None);
    press(&mut app, "3");
    assert_eq!((app.context(), app.pane()), (Context::List, Pane::People));
}

#[test]
fn e_exports_the_collection_as_a_quote_sheet() {
    let mut app = keeping(shelf_with_three());
    let ran = press(&mut app, "7 E");
    let (file, text) = ran.exported.first().expect("an export");
    assert_eq!(file, "sheet.md");
    assert!(text.starts_with("# sheet\n\n> "), "{text}");
    assert!(text.contains("Note: opening line"));
    assert!(text.contains("- missing: person:nobody-here `person:nobody-here`"));
}

/// `:export NAME` in the palette completes the collections' names and exports that one,
/// from anywhere.
#[test]
fn the_palette_exports_a_collection_by_name() {
    let mut app = keeping(shelf_with_three());
    press(&mut app, "3 :");
    type_text(&mut app, "export ma");
    press(&mut app, "<tab>");
    assert_eq!(app.palette().map(|p| p.query().0.to_string()), Some("export marked".into()));
    let ran = press(&mut app, "<enter>");
    assert_eq!(ran.exported.first().map(|(file, _)| file.as_str()), Some("marked.md"));
    assert_eq!(app.context(), Context::List, "the palette closed");
}

fn visits() -> Saved {
    let visit = |id: &str, at| Visited { key: key(Kind::Person, id), at };
    Saved {
        visits: vec![
            visit("dr-dre", 1_764_500_000),
            visit("jimmy-iovine", 1_764_600_000),
            visit("gone", 1_764_605_000),
        ],
        ..Saved::default()
    }
}

#[test]
fn ctrl_o_lists_visits_newest_first_searchable_and_jumps() {
    let mut app = keeping(visits());
    press(&mut app, "3 j <enter>");
    press(&mut app, "<c-o>");
    assert_eq!(app.context(), Context::Trail);
    let trail = app.trail().expect("open");
    let saved = app.kept().saved();
    let first = &saved.visits[trail.rows()[0]];
    assert_eq!(first.at, 1_764_610_200, "this run's visit first, at the app's clock");
    assert_eq!(trail.rows().len(), 4);
    type_text(&mut app, "dre");
    assert_eq!(app.trail().map(|t| t.rows().len()), Some(1));
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::Detail);
    assert_eq!(app.history().current().map(|v| app.data().id(v.record).to_string()).as_deref(), Some("dr-dre"));
    // The jump is a visit like any other (kept), and back still works as it did.
    assert_eq!(app.kept().saved().visits.len(), 5);
    press(&mut app, "<bs>");
    assert_eq!(app.focus(), Focus::Detail);
}

#[test]
fn the_prompt_history_holds_queries_of_earlier_runs() {
    let saved = Saved { queries: vec!["chronic".into(), "iovine".into()], ..Saved::default() };
    let mut app = keeping(saved);
    press(&mut app, "s <a-up>");
    assert_eq!(app.search().map(|s| s.input().to_string()).as_deref(), Some("iovine"));
    press(&mut app, "<a-up>");
    assert_eq!(app.search().map(|s| s.input().to_string()).as_deref(), Some("chronic"));
    // A new query is kept (once) when the search closes.
    press(&mut app, "<c-u>");
    type_text(&mut app, "beats");
    let ran = press(&mut app, "<esc>");
    assert!(ran.saved.iter().any(|c| matches!(c, Change::Query { text, .. } if text == "beats")), "{:?}", ran.saved);
}

#[test]
fn the_session_comes_back_where_it_ended() {
    let mut app = keeping(Saved::default());
    press(&mut app, "3 j j <enter>");
    let session = app.session();
    assert_eq!(session.pane, "people");
    let open = session.open.clone().expect("a record open");
    let mut next = keeping(Saved { session: Some(session), ..Saved::default() });
    let _ = next.restore_session();
    assert_eq!(next.pane(), Pane::People);
    assert_eq!(next.focus(), Focus::Detail);
    assert_eq!(next.history().current().map(|v| Key::of(next.data(), v.record)), Some(open));
    // The Collections pane, with the collection open, comes back too.
    let mut app = keeping(shelf_with_three());
    press(&mut app, "7 <enter> j j");
    let mut next = keeping(Saved { session: Some(app.session()), ..shelf_with_three() });
    let _ = next.restore_session();
    assert_eq!(next.context(), Context::Collections);
    assert_eq!((next.shelf().open_name(), next.shelf().entries_cursor().selected), (Some("sheet"), 2));
    // The Overview comes back on its chart's bar (a speaker there is not sent to People),
    // and the Timeline on its event (#12).
    for (keys, pane) in [("0 j j", Pane::Overview), ("6 j j j", Pane::Timeline)] {
        let mut app = keeping(Saved::default());
        press(&mut app, keys);
        let selected = app.selected();
        let mut next = keeping(Saved { session: Some(app.session()), ..Saved::default() });
        let _ = next.restore_session();
        assert_eq!((next.pane(), next.selected()), (pane, selected), "{keys}");
    }
}

/// The browser makes the Overview's chart and the Timeline after its first frame
/// (`App::with_index_counting_later`), so their panes list nothing when the session is
/// restored: it still comes back on its row once they arrive, unless the user moved.
#[test]
fn the_session_comes_back_on_a_story_row_that_arrives_later() {
    use std::sync::Arc;
    let data = bundled();
    let later = |saved: Saved| {
        let index = Arc::new(defiant::search::SearchIndex::build(&data));
        let mut app = App::with_index_counting_later(data.clone(), index);
        common::send(&mut app, defiant::app::Internal::Resized { width: 120, height: 40 });
        app.keep("the-defiant-ones#bundled", saved, Persistence::On);
        app
    };
    let story = Arc::new(defiant::app::Story::build(&data));
    for (keys, pane) in [("0 j j", Pane::Overview), ("6 j j j", Pane::Timeline)] {
        let mut app = keeping(Saved::default());
        press(&mut app, keys);
        let selected = app.selected();
        assert!(selected.is_some(), "{keys}");
        let mut next = later(Saved { session: Some(app.session()), ..Saved::default() });
        let _ = next.restore_session();
        assert_eq!((next.pane(), next.focus()), (pane, Focus::List), "{keys}: the pane, before its rows");
        common::send(&mut next, defiant::app::Internal::StoryCounted(story.clone()));
        assert_eq!((next.pane(), next.selected()), (pane, selected), "{keys}");
        // Gone to another pane before the story came: it stays there.
        let mut moved = later(Saved { session: Some(app.session()), ..Saved::default() });
        let _ = moved.restore_session();
        press(&mut moved, "2");
        common::send(&mut moved, defiant::app::Internal::StoryCounted(story.clone()));
        assert_eq!(moved.pane(), Pane::Themes, "{keys}");
        press(&mut moved, if pane == Pane::Overview { "0" } else { "6" });
        assert_eq!(moved.cursor(pane).selected, 0, "{keys}: not yanked to the old row later");
    }
}

#[test]
fn snapshots_of_the_collections_pane_and_the_history_list() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(bundled(), w, h);
        app.keep("the-defiant-ones#bundled", shelf_with_three(), Persistence::On);
        press(&mut app, "7");
        insta::assert_snapshot!(format!("collections_list_{w}x{h}"), screen(&app));
        press(&mut app, "<enter>");
        insta::assert_snapshot!(format!("collections_sheet_{w}x{h}"), screen(&app));
        let mono = terminal(&app, &Palette::monochrome());
        insta::assert_snapshot!(format!("collections_sheet_no_color_{w}x{h}"), mono.backend());
        let mut app = common::app(bundled(), w, h);
        app.keep("the-defiant-ones#bundled", visits(), Persistence::On);
        press(&mut app, "<c-o>");
        insta::assert_snapshot!(format!("history_{w}x{h}"), screen(&app));
    }
}

#[test]
fn a_click_on_the_collections_tab_shows_the_pane() {
    let mut app = keeping(shelf_with_three());
    let (_, tab) = defiant::app::keeping::tab::bar(120, app.pane_counts(), app.pane(), 2);
    let (start, label) = tab.expect("fits at 120 columns");
    assert_eq!(label, " 7 Collections (2) ");
    common::send(&mut app, defiant::app::Internal::Clicked { column: start + 3, row: 0 });
    assert_eq!(app.context(), Context::Collections);
    // A pane's tab brings the pane back.
    common::send(&mut app, defiant::app::Internal::Clicked { column: 3, row: 0 });
    assert_eq!((app.context(), app.pane()), (Context::List, Pane::Overview), "the first tab: the Overview");
}
