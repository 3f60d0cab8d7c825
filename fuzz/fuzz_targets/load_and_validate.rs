//! Any bytes as a dataset file: parsing, sanitizing and validation never panic, and a
//! report (of a usable or an unusable file) always renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match defiant::data::load::from_bytes("fuzz.json", data) {
        Ok(loaded) => {
            let _ = loaded.report.render();
            let _ = loaded.dataset.total();
        }
        Err(error) => {
            let _ = error.0.render();
        }
    }
});
