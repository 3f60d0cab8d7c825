//! Per-keystroke search latency, index build and dataset load, on synthetic datasets
//! generated in-process (the same generator as `examples/synth.rs`) and on the bundled one.
//!
//! ```text
//! cargo bench --bench search                  # everything (≈4 minutes on 2 cores)
//! cargo bench --bench search -- keystroke/100k
//! ```
//!
//! "Keystroke" is what the browser pays per key once the index is built:
//! `index.search(&Query::parse(q, false))`, i.e. score every record and rank the hits.

#[path = "../examples/synth/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use defiant::data::{Dataset, load};
use defiant::search::{Query, SearchIndex};

/// 2 chars (≈90 % of records match), a 4-char abbreviation, an 8-char word, no match.
const QUERIES: [&str; 4] = ["de", "wsdm", "kindness", "zqxj"];
const SEED: u64 = 42;

/// The dataset's strings borrow from its bytes, which are leaked: each lives until the
/// bench process ends, as in the app.
fn dataset(records: usize) -> Dataset<'static> {
    let bytes = generate::dataset_bytes(records, SEED).leak();
    load::from_bytes("synthetic", bytes).expect("the generator writes a valid dataset").dataset
}

fn keystroke(c: &mut Criterion, label: &str, records: usize, samples: usize, seconds: u64) {
    let data = dataset(records);
    let index = SearchIndex::build(&data);
    let mut group = c.benchmark_group(format!("keystroke/{label}"));
    group.sample_size(samples).measurement_time(Duration::from_secs(seconds)).warm_up_time(Duration::from_secs(1));
    for q in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| index.search(&Query::parse(black_box(q), false)))
        });
    }
    group.finish();
}

fn keystroke_1k(c: &mut Criterion) {
    keystroke(c, "1k", 1_000, 50, 3);
}

fn keystroke_100k(c: &mut Criterion) {
    keystroke(c, "100k", 100_000, 20, 5);
}

fn keystroke_1m(c: &mut Criterion) {
    // Up to ≈1 s per iteration: criterion's minimum of 10 samples.
    keystroke(c, "1M", 1_000_000, 10, 10);
}

/// Every prefix of a few words typed into the browser, on the bundled dataset.
fn keystroke_bundled(c: &mut Criterion) {
    let data = Dataset::bundled().expect("the bundled dataset loads").dataset;
    let index = SearchIndex::build(&data);
    let mut group = c.benchmark_group("keystroke/bundled");
    group.sample_size(50).measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(300));
    let mut queries: Vec<&str> = Vec::new();
    for word in ["dre", "iovine", "defiant", "kindness"] {
        queries.extend((1..=word.len()).map(|end| &word[..end]));
    }
    queries.extend(["wsdm", "zqxj", "person: hughes", "quote: 'beats"]);
    queries.sort_unstable();
    queries.dedup();
    for q in queries {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| index.search(&Query::parse(black_box(q), false)))
        });
    }
    group.finish();
}

/// Parse, sanitize and validate 100k records from memory (no file I/O), then build the index.
fn load_and_index_100k(c: &mut Criterion) {
    let bytes = generate::dataset_bytes(100_000, SEED);
    let mut group = c.benchmark_group("build/100k");
    group.sample_size(20).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(1));
    group.bench_function("load", |b| b.iter(|| load::from_bytes("synthetic", black_box(&bytes)).is_ok()));
    let data = load::from_bytes("synthetic", &bytes).expect("the generator writes a valid dataset").dataset;
    group.bench_function("index", |b| b.iter(|| SearchIndex::build(black_box(&data))));
    // The floor of any JSON loading: reading the file (from the page cache) and checking
    // its syntax without building anything. `defiant search` cannot take less than this.
    let file = std::env::temp_dir().join(format!("defiant-bench-{}.json", std::process::id()));
    std::fs::write(&file, &bytes).expect("write the dataset to a temp file");
    group.bench_function("floor/read_file", |b| b.iter(|| std::fs::read(black_box(&file)).map(|v| v.len())));
    group.bench_function("floor/syntax_only", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&bytes)).is_ok())
    });
    let _ = std::fs::remove_file(&file);
    group.finish();
}

criterion_group!(benches, keystroke_bundled, keystroke_1k, load_and_index_100k, keystroke_100k, keystroke_1m);
criterion_main!(benches);
