//! Validation and the link graph see the same references, and all of them: every reference
//! field of the schema, a note's sources included (they are citations, so a source lists
//! the records whose notes cite it under "Cited by").
//!
//! Checked on the bundled data read as plain JSON, with the reference fields named here
//! (`reference_kind`) independently of `data::schema`, so a reference field missing from
//! the schema table fails one of these tests.

use std::collections::{BTreeMap, BTreeSet};

use defiant::data::diagnostic::Code;
use defiant::data::{Dataset, Kind, RecordRef, load};
use serde_json::Value;

/// Which fields hold references, and to what kind, by field name.
fn reference_kind(field: &str) -> Option<Kind> {
    Some(match field {
        "speaker" | "people" | "directors" | "members" => Kind::Person,
        "episode" | "episodes" => Kind::Episode,
        "themes" => Kind::Theme,
        "source" | "sources" => Kind::Source,
        _ => return None,
    })
}

/// One string value of the file, with its path, and the kind it refers to if it is a reference.
#[derive(Clone)]
struct Leaf {
    path: String,
    kind: Option<Kind>,
    id: String,
}

fn leaves(value: &Value, path: &str, kind: Option<Kind>, out: &mut Vec<Leaf>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                leaves(v, &child, reference_kind(key), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{path}[{i}]"), kind, out);
            }
        }
        Value::String(id) => out.push(Leaf { path: path.to_string(), kind, id: id.clone() }),
        _ => {}
    }
}

fn bundled_json() -> Value {
    serde_json::from_str(load::BUNDLED).expect("bundled JSON")
}

/// Every string of the series and of each record, by record. An event is a record of its
/// own inside its episode (or the series): its strings, plus a made-up leaf (its path starts
/// with `<`) for the part it belongs to.
fn records(json: &Value) -> Vec<(Option<RecordRef>, Vec<Leaf>)> {
    let data = data();
    let mut out = Vec::new();
    let mut series = Vec::new();
    leaves(&json["series"], "series", None, &mut series);
    out.push((Some(data.series_ref()), series));
    let series_id = json["series"]["id"].as_str().expect("a series id").to_string();
    let mut events = Vec::new();
    for (e, episode) in json["episodes"].as_array().expect("episodes").iter().enumerate() {
        let owner = Leaf {
            path: "<episode>".into(),
            kind: Some(Kind::Episode),
            id: episode["id"].as_str().expect("id").into(),
        };
        events.extend(
            episode["events"]
                .as_array()
                .expect("events")
                .iter()
                .enumerate()
                .map(|(i, ev)| (format!("episodes[{e}].events[{i}]"), ev, owner.clone())),
        );
    }
    let owner = Leaf { path: "<series>".into(), kind: Some(Kind::Series), id: series_id };
    for (i, ev) in json["series"]["unplaced_events"].as_array().expect("unplaced").iter().enumerate() {
        events.push((format!("series.unplaced_events[{i}]"), ev, owner.clone()));
    }
    for (path, ev, owner) in events {
        let r = data.find(Kind::Event, ev["id"].as_str().expect("an event id")).expect("the event");
        let mut found = vec![owner];
        leaves(ev, &path, None, &mut found);
        out.push((Some(r), found));
    }
    for kind in Kind::FILED {
        for (index, record) in json[kind.section()].as_array().expect("a section").iter().enumerate() {
            let mut found = Vec::new();
            leaves(record, &format!("{}[{index}]", kind.section()), None, &mut found);
            out.push((Some(RecordRef::new(kind, index)), found));
        }
    }
    out
}

fn data() -> Dataset<'static> {
    Dataset::bundled().unwrap_or_else(|e| panic!("{e}")).dataset
}

fn linked(data: &Dataset, r: RecordRef) -> BTreeSet<RecordRef> {
    data.link_groups(r).into_iter().flat_map(|g| g.items).collect()
}

fn find(data: &Dataset, reference: &str) -> RecordRef {
    data.resolve(reference).unwrap_or_else(|e| panic!("{reference}: {e:?}"))
}

#[test]
fn a_note_source_is_cited_by_the_record_whose_note_cites_it() {
    let data = data();
    for (source, citing) in [("source:bounce", "episode:part-4"), ("source:bb-inside", "theme:film-vs-music-pace")] {
        let (source, citing) = (find(&data, source), find(&data, citing));
        let groups = data.link_groups(source);
        let cited_by = groups.iter().find(|g| g.kind == citing.kind).expect("a Cited by group");
        assert!(cited_by.label.starts_with("Cited by"), "{}", cited_by.label);
        assert!(cited_by.items.contains(&citing), "{cited_by:?}");
        assert!(linked(&data, citing).contains(&source));
    }
}

/// Each record's links are exactly the records its references name, and the records whose
/// references name it.
#[test]
fn links_are_every_reference_in_the_file_both_ways() {
    let data = data();
    let mut expected: BTreeMap<RecordRef, BTreeSet<RecordRef>> = BTreeMap::new();
    for (from, found) in records(&bundled_json()) {
        let Some(from) = from else { continue };
        for leaf in found {
            if let Some(kind) = leaf.kind
                && let Some(to) = data.find(kind, &leaf.id)
                && to != from
            {
                expected.entry(from).or_default().insert(to);
                expected.entry(to).or_default().insert(from);
            }
        }
    }
    let mut links = 0;
    for kind in Kind::ALL {
        for r in data.records(kind) {
            assert_eq!(linked(&data, r), expected.remove(&r).unwrap_or_default(), "{}", data.deep_link(r));
            links += linked(&data, r).len();
        }
    }
    assert!(links > 1000, "{links}");
}

/// Validation checks exactly the references in the file: with every one made dangling, each
/// is reported, at its path, and nothing else is.
#[test]
fn validation_checks_every_reference_in_the_file() {
    let mut json = bundled_json();
    let mut wanted = BTreeSet::new();
    for (_, found) in records(&json) {
        wanted.extend(
            found.into_iter().filter(|leaf| leaf.kind.is_some() && !leaf.path.starts_with('<')).map(|leaf| leaf.path),
        );
    }
    for path in &wanted {
        let pointer = format!("/{}", path.replace(['.', '['], "/").replace(']', ""));
        *json.pointer_mut(&pointer).expect("the path is in the file") = Value::String("zz-missing".into());
    }
    let bytes = serde_json::to_vec(&json).expect("JSON");
    let report = match load::from_bytes("dangling.json", &bytes) {
        Ok(_) => panic!("every reference dangles"),
        Err(error) => error.0,
    };
    let reported: BTreeSet<String> = report
        .diagnostics
        .iter()
        .filter(|d| matches!(&d.code, Some(Code::UnknownId { id, .. }) if id == "zz-missing"))
        .map(|d| d.path.to_string())
        .collect();
    assert_eq!(reported, wanted);
    assert!(wanted.len() > 1000, "{}", wanted.len());
}

/// A string that is some record's id but not in a reference field is either the record's
/// own id or one of the few texts here that happen to spell an id: a new reference field
/// that `reference_kind` (and so perhaps the schema) does not know shows up here.
#[test]
fn every_string_that_names_a_record_is_in_a_reference_field() {
    let data = data();
    let records = records(&bundled_json());
    // An event's own id sits inside its episode's strings too.
    let own_ids: BTreeSet<String> = records
        .iter()
        .filter_map(|(r, _)| *r)
        .map(|r| match r.kind {
            Kind::Series => "series.id".to_string(),
            Kind::Event => format!("{}.id", data.event_path(r)),
            _ => format!("{}[{}].id", r.kind.section(), r.index),
        })
        .collect();
    let mut unexplained = Vec::new();
    for (_, found) in records {
        for leaf in found {
            let names_a_record = Kind::ALL.iter().any(|&k| data.find(k, &leaf.id).is_some());
            if leaf.kind.is_none() && names_a_record && !own_ids.contains(&leaf.path) {
                unexplained.push(format!("{} = {}", leaf.path, leaf.id));
            }
        }
    }
    assert_eq!(unexplained, Vec::<String>::new());
}
