//! Search robustness: any query is safe, and highlighted characters land on the right
//! screen cells for accented, CJK and emoji text.

mod common;

use common::{app, bundled, fixture, press, terminal};
use defiant::search::{Query, SearchIndex};
use defiant::ui::Palette;
use proptest::prelude::*;

/// The symbols of the cells drawn in the palette's "matched" style, left to right, top down.
fn highlighted_cells(app: &defiant::app::App) -> Vec<String> {
    let palette = Palette::colour();
    let t = terminal(app, &palette);
    let buffer = t.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        let mut run = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.fg == palette.matched.fg.unwrap_or_default() && cell.modifier.contains(palette.matched.add_modifier)
            {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

fn search_for(query: &str) -> defiant::app::App {
    let mut app = app(fixture("unicode-names.json"), 120, 30);
    press(&mut app, "s");
    for c in query.chars() {
        common::send(&mut app, defiant::app::Action::InsertChar(c));
    }
    app
}

#[test]
fn accented_letters_highlight_whole_characters() {
    let cells = highlighted_cells(&search_for("'ångström"));
    assert!(cells.iter().any(|c| c == "Ångström"), "{cells:?}");
}

#[test]
fn cjk_highlights_cover_both_columns_of_each_character() {
    let cells = highlighted_cells(&search_for("'文名"));
    // A wide character's second column is a continuation cell, so each one is its own run;
    // what matters is that exactly 文 and 名 are highlighted, never their neighbours.
    assert!(cells.windows(2).any(|w| w[0] == "文" && w[1] == "名"), "{cells:?}");
    assert!(!cells.iter().any(|c| c.contains('中') || c.contains('字')), "{cells:?}");
}

#[test]
fn text_after_an_emoji_highlights_the_right_letters() {
    let cells = highlighted_cells(&search_for("'café"));
    assert!(cells.iter().any(|c| c == "café"), "{cells:?}");
}

#[test]
fn nfd_queries_match_nfc_text() {
    let data = fixture("unicode-names.json");
    let index = SearchIndex::build(&data);
    let decomposed = "Zoe\u{308}";
    let hits = index.search(&Query::parse(decomposed, false));
    // The person, the quote she speaks (matched on its speaker field) and the event that
    // names her (on its people field).
    assert_eq!(hits.len(), 3);
    assert_eq!(data.deep_link(hits[0].record), "person:ann-lee");
    assert!(hits.iter().any(|h| h.record.kind == defiant::data::Kind::Event), "{hits:?}");
}

fn hostile_query() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[ \\t]{0,50}",
        "[\\x00-\\x1f\\x7f-\\x9f]{0,20}",
        "[\\u{0590}-\\u{06ff} ]{0,30}",
        "['^$!| a-z:]{0,30}",
        (1usize..10_000).prop_map(|n| "ab ".repeat(n / 3 + 1)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_query_is_safe(query in hostile_query()) {
        let data = bundled();
        let index = SearchIndex::build(&data);
        let parsed = Query::parse(&query, false);
        let hits = index.search(&parsed);
        for hit in hits.iter().take(5) {
            for h in index.highlights(hit.record, &parsed) {
                let len = h.text.chars().count();
                prop_assert!(h.positions.iter().all(|&p| p < len), "position past the end");
            }
        }
        // The same through the browser, drawn.
        let mut app = app(data, 80, 24);
        press(&mut app, "s");
        let mut newest = defiant::app::Effects::default();
        for c in query.chars().take(300) {
            let effects = app.update(defiant::app::Action::InsertChar(c));
            if !effects.is_empty() {
                newest = effects;
            }
        }
        common::execute(&mut app, newest, &mut common::Ran::default());
        let _ = terminal(&app, &Palette::colour());
    }
}
