//! Any string as a search query, parsed and run over a tiny dataset (fuzzy and exact):
//! no panic, and every highlight position lies inside its text.
#![no_main]

use std::sync::LazyLock;

use defiant::data::Dataset;
use defiant::search::{Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

static DATA: LazyLock<(Dataset<'static>, SearchIndex<'static>)> = LazyLock::new(|| {
    let bytes = include_bytes!("../../tests/fixtures/unicode-names.json");
    let dataset = match defiant::data::load::from_bytes("unicode-names.json", bytes) {
        Ok(loaded) => loaded.dataset,
        Err(e) => panic!("fixture: {e}"),
    };
    let index = SearchIndex::build(&dataset);
    (dataset, index)
});

fuzz_target!(|input: &str| {
    let (_, index) = &*DATA;
    for exact in [false, true] {
        let query = Query::parse(input, exact);
        for hit in index.search(&query).iter().take(8) {
            for h in index.highlights(hit.record, &query) {
                let len = h.text.chars().count();
                assert!(h.positions.iter().all(|&p| p < len), "position past the end of {:?}", h.text);
            }
        }
    }
});
