//! The snapshot's form: what it stores reads back as what was loaded, and any damage to
//! it is rejected.

use super::format::{self, Key, Reject};
use crate::data::load;
use crate::search::{Query, SearchIndex};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const KEY: Key = Key { device: 1, inode: 2, size: 3, mtime: (4, 5), ctime: (6, 7) };

fn snapshot_of(bytes: &'static [u8]) -> Vec<u8> {
    let loaded = load::from_bytes("x.json", bytes).unwrap_or_else(|e| panic!("{e}"));
    let index = SearchIndex::build(&loaded.dataset);
    format::encode(&loaded, &index, KEY, "/data/x.json").unwrap_or_else(|e| panic!("{e}"))
}

/// What was decoded equals what was loaded: every field of every record (compared as
/// JSON), the report's diagnostics, the index's stored form and its answers.
#[test]
fn a_snapshot_reads_back_as_the_dataset_it_was_made_of() {
    for name in ["all-fields.json", "escapes-everywhere.json", "unicode-names.json", "tui-hostile.json", "bom.json"] {
        let json: &'static [u8] = fixture(name).leak();
        let bytes: &'static [u8] = snapshot_of(json).leak();
        let header = format::header(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(header.key, KEY);
        let (loaded, index, rest) =
            format::decode(bytes, &header, "x.json", None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(rest.check(), "{name}");
        let fresh = load::from_bytes("x.json", json).unwrap_or_else(|e| panic!("{e}"));
        let as_json = |d: &crate::data::Dataset| serde_json::to_string(&d.as_file()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(as_json(&loaded.dataset), as_json(&fresh.dataset), "{name}");
        assert_eq!(loaded.report.warning_count(), fresh.report.warning_count(), "{name}");
        assert_eq!(loaded.report.stored().0, fresh.report.stored().0, "{name}");
        let fresh_index = SearchIndex::build(&fresh.dataset);
        assert_eq!(index.len(), fresh_index.len(), "{name}");
        for i in 0..index.len() {
            assert_eq!(index.described(i), fresh_index.described(i), "{name}: record {i} of the index");
        }
        for q in ["a", "e", "dre", "'the", "é"] {
            let query = Query::parse(q, false);
            assert_eq!(index.search(&query), fresh_index.search(&query), "{name}: {q}");
        }
    }
}

/// Every kind of damage is rejected with the reason, never decoded.
#[test]
fn damage_of_any_kind_is_rejected() {
    let json: &'static [u8] = fixture("all-fields.json").leak();
    let good = snapshot_of(json);
    let check = |bytes: &[u8]| {
        let bytes: &'static [u8] = bytes.to_vec().leak();
        let (_, _, rest) = format::header(bytes).and_then(|h| format::decode(bytes, &h, "x", None))?;
        if rest.check() { Ok(()) } else { Err(Reject::Corrupt("checksum".into())) }
    };
    assert!(check(&good).is_ok());
    assert_eq!(check(b"{\"schema_version\": 1}").err(), Some(Reject::Foreign));
    assert_eq!(check(b"").err(), Some(Reject::Foreign));
    let mut version = good.clone();
    version[8] ^= 0xff;
    assert_eq!(check(&version).err(), Some(Reject::Version));
    for at in [20, 50, format::HEADER_LEN - 1, format::HEADER_LEN + 3, good.len() / 2, good.len() - 1] {
        let mut corrupt = good.clone();
        corrupt[at] ^= 0x01;
        assert!(matches!(check(&corrupt), Err(Reject::Corrupt(_) | Reject::Version)), "flip at {at}");
    }
    for cut in [100, format::HEADER_LEN, good.len() - 1] {
        assert!(matches!(check(&good[..cut]), Err(Reject::Corrupt(_) | Reject::Version)), "cut at {cut}");
    }
}

/// What names and links point into, every kind's records, is checked before anything is
/// read, whoever reads (the browser checks the text and the index later, `Rest`): a kind
/// that failed would read as no records, and a number pointing into it past its end.
#[test]
fn damaged_names_links_or_records_are_rejected_at_decode() {
    let json: &'static [u8] = fixture("all-fields.json").leak();
    let good = snapshot_of(json);
    let header = format::header(good.clone().leak()).unwrap_or_else(|e| panic!("{e}"));
    for range in header.checked_at_decode() {
        for at in [range.start, range.start + range.len() / 2, range.end - 1] {
            let mut corrupt = good.clone();
            corrupt[at] ^= 0x01;
            let bytes: &'static [u8] = corrupt.leak();
            let decoded = format::header(bytes).and_then(|h| format::decode(bytes, &h, "x", None));
            assert!(matches!(decoded, Err(Reject::Corrupt(_))), "flip at {at} of {range:?}");
        }
    }
}

/// The stored form of a fixed dataset, pinned: a change to the model (a field, a kind),
/// the report, the index or the layout changes these bytes, and then `format::VERSION`
/// must be bumped (old snapshots would otherwise be read with the new layout), and the
/// pin updated.
#[test]
fn the_format_version_is_bumped_when_the_stored_form_changes() {
    let json: &'static [u8] = fixture("all-fields.json").leak();
    let bytes = snapshot_of(json);
    let body = xxhash_rust::xxh3::xxh3_64(&bytes[format::HEADER_LEN..]);
    let pinned: (u32, u64) = (5, 16634823968907219437);
    assert_eq!((format::VERSION, body), pinned, "bump format::VERSION, then update this pin");
}
