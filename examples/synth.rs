//! Generate a synthetic, schema-valid dataset for benchmarks.
//!
//! ```text
//! cargo run --release --example synth -- --records 100000 --seed 42 --out /tmp/100k.json
//! ```
//!
//! Writes `--records` records in total (≈95 % quotes, plus people, episodes, themes and a
//! few sources, all references valid) to `--out` or stdout. The same seed gives the same
//! bytes. The generator itself is in `synth/generate.rs`, shared with `benches/search.rs`.

#[path = "synth/generate.rs"]
#[allow(dead_code)] // `dataset_bytes` is for the benchmark.
mod generate;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: synth --records N [--seed S] [--out FILE]";

fn main() -> ExitCode {
    let mut records: Option<usize> = None;
    let mut seed: u64 = 42;
    let mut out_path: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let ok = match (arg.as_str(), value) {
            ("--records", Some(v)) => v.replace('_', "").parse().map(|n| records = Some(n)).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            ("--out", Some(v)) => {
                out_path = Some(v);
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(records) = records.filter(|&n| n >= generate::MIN_RECORDS) else {
        eprintln!("{USAGE}\n(--records is required and at least {})", generate::MIN_RECORDS);
        return ExitCode::from(2);
    };
    let result = match &out_path {
        Some(path) => std::fs::File::create(path).and_then(|file| write(records, seed, file)),
        None => write(records, seed, io::stdout().lock()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(records: usize, seed: u64, out: impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, out);
    generate::write_dataset(records, seed, &mut out)?;
    out.flush()
}
