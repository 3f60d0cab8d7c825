//! The floor of loading a dataset as JSON: read the file and check its syntax, building
//! nothing. No `defiant search` can finish faster than this program on the same file.
//!
//! ```sh
//! cargo build --release --example json_floor
//! hyperfine -N 'target/release/examples/json_floor /tmp/100k.json'
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: json_floor FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("json_floor: {}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    match serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("json_floor: {e}");
            ExitCode::from(2)
        }
    }
}
