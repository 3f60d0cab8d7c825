//! The real bundled dataset: it loads cleanly, every reference resolves, and every quote is
//! verbatim from the fact sheet it was built from (kept in assets/provenance/).

use defiant::data::{Dataset, Kind};

fn data() -> Dataset<'static> {
    let loaded = Dataset::bundled().unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.report.diagnostics.is_empty(), "bundled dataset has diagnostics:\n{}", loaded.report);
    loaded.dataset
}

const SHEET: &str = include_str!("../assets/provenance/defiant-facts.md");
const SEED: &str = include_str!("../assets/provenance/defiant-ones-article.txt");

/// The `> ` line right under a quote's `**Qnn**` header on the sheet.
fn sheet_quote(number: u32) -> Option<&'static str> {
    let header = format!("**Q{number:02}**");
    let mut lines = SHEET.lines();
    lines.by_ref().find(|l| l.starts_with(&header))?;
    lines.next()?.strip_prefix("> ")
}

#[test]
fn every_quote_is_verbatim_from_the_fact_sheet() {
    let data = data();
    assert!(data.quotes.len() >= 100, "aim: 100+ quotes, have {}", data.quotes.len());
    for quote in &data.quotes {
        let number: u32 = quote.id.as_str().trim_start_matches('q').parse().unwrap_or_else(|_| panic!("{}", quote.id));
        let expected = sheet_quote(number).unwrap_or_else(|| panic!("{} not on the sheet", quote.id));
        assert_eq!(quote.text, expected, "{} differs from the sheet", quote.id);
        for variant in &quote.variants {
            assert!(
                SHEET.contains(&format!("`{}`", variant.text)),
                "{} variant not verbatim: {}",
                quote.id,
                variant.text
            );
        }
    }
}

#[test]
fn every_sheet_quote_is_in_the_dataset() {
    let data = data();
    let on_sheet = (1..).take_while(|&n| sheet_quote(n).is_some()).count();
    assert_eq!(data.quotes.len(), on_sheet);
}

#[test]
fn the_seed_quotes_are_flagged_and_spoken_by_hughes() {
    let data = data();
    let seed: Vec<_> = data.quotes.iter().filter(|q| q.seed).collect();
    assert_eq!(seed.len(), 8);
    for quote in seed {
        assert_eq!(quote.speaker.as_str(), "allen-hughes");
        assert_eq!(quote.source.as_str(), "seed");
        // The seed article holds each one whole, apostrophes and dashes included (its line
        // breaks aside: the article puts the series title on a line of its own).
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat(SEED).contains(&flat(&quote.text)), "{} is not verbatim in the seed", quote.id);
    }
}

#[test]
fn the_seed_people_and_footage_are_all_present() {
    let data = data();
    let named = [
        "Snoop Dogg",
        "Bruce Springsteen",
        "Gwen Stefani",
        "Bono",
        "David Geffen",
        "Eminem",
        "Nas",
        "Stevie Nicks",
        "Kendrick Lamar",
        "Ice Cube",
        "Jon Landau",
        "Patti Smith",
        "Lady Gaga",
        "Doug Morris",
        "Tom Petty",
        "Trent Reznor",
        "Alonzo Williams",
        "will.i.am",
        "Dr. Dre",
        "Jimmy Iovine",
        "Allen Hughes",
        "Eazy-E",
        "JJ Fad",
        "N.W.A",
        "The D.O.C.",
        "U2",
    ];
    for name in named {
        assert!(
            data.people.iter().any(|p| p.name.starts_with(name) && p.seed),
            "{name} missing or not flagged as seed"
        );
    }
    assert!(data.people.iter().any(|p| p.name.contains("Diddy") || p.aka.iter().any(|a| a.contains("Diddy"))));
    assert_eq!(data.episodes.len(), 4);
    assert_eq!(data.footage.len(), 8);
    assert!(data.themes.iter().filter(|t| t.seed).count() >= 10);
    assert!(data.people.len() >= 60);
}

#[test]
fn every_record_cites_sources_and_every_link_resolves() {
    let data = data();
    for kind in [Kind::Episode, Kind::Theme, Kind::Person, Kind::Footage, Kind::Quote] {
        for r in data.records(kind) {
            let groups = data.link_groups(r);
            assert!(groups.iter().any(|g| g.kind == Kind::Source), "{} cites no source", data.deep_link(r));
            for group in groups {
                for target in group.items {
                    assert!(target.index < data.count(target.kind));
                }
            }
        }
    }
    // People ↔ quotes: every quote is reachable from its speaker.
    for r in data.records(Kind::Quote) {
        let speaker = data.find(Kind::Person, data.quotes[r.index].speaker.as_str()).expect("speaker resolves");
        assert!(data.link_groups(speaker).iter().any(|g| g.items.contains(&r)));
    }
}

#[test]
fn conflicts_are_recorded_not_silently_resolved() {
    let data = data();
    let notes: Vec<&str> = data.series.notes.iter().map(|n| &*n.text).collect();
    let all = notes.join("\n");
    for topic in ["2015", "3.2 billion", "1992"] {
        assert!(all.contains(topic), "series notes should mention {topic}");
    }
}
