//! Any text in a dataset's names and prose, at any terminal size, after a few keys: one
//! frame draws without a panic, and nothing in it reaches the terminal as an escape.
//!
//! The app holds a `Dataset<'static>`, so each case's file bytes are leaked, as the binary
//! does: run it with leak detection off.
//!
//!     ASAN_OPTIONS=detect_leaks=0 RUSTC_BOOTSTRAP=1 cargo fuzz run render_frame -- -max_total_time=180
#![no_main]

use libfuzzer_sys::fuzz_target;

mod render_case;

fuzz_target!(|bytes: &[u8]| {
    let Some(case) = render_case::Case::from_bytes(bytes) else { return };
    let Some(data) = render_case::dataset(&case.text) else { return };
    let frame = render_case::frame(&case, data);
    if let Err(problem) = render_case::check(&frame) {
        panic!("{problem}");
    }
});
