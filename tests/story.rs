//! Issue #12 on the bundled data: events as records, the series record, dates on events,
//! and the timeline. Through the library (links, search) and the real binary (show, list).

mod bin_support;
mod common;

use bin_support::run_args;
use defiant::data::{Kind, RecordRef};
use defiant::search::{Query, SearchIndex};

fn labels(data: &defiant::data::Dataset, r: RecordRef) -> Vec<(String, usize)> {
    data.link_groups(r).into_iter().map(|g| (g.label, g.items.len())).collect()
}

#[test]
fn every_event_is_a_record_with_a_stable_id_written_in_the_data() {
    let data = common::bundled();
    assert_eq!(data.count(Kind::Event), 45 + 9);
    let e = data.resolve("event:part-3/e04").expect("part-3/e04");
    assert!(data.event(e).text.starts_with("Dre and Iovine meet in the early 1990s"));
    assert_eq!(data.event_episode(e), data.resolve("episode:part-3").ok());
    assert!(data.resolve("event:unplaced/e01").is_ok());
    // Written in the file, so inserting an event does not renumber the others.
    assert!(defiant::data::load::BUNDLED.contains(r#""id": "part-3/e04""#));
}

#[test]
fn events_are_listed_on_people_themes_and_episodes_with_backlinks() {
    let data = common::bundled();
    let part3 = data.resolve("episode:part-3").expect("part 3");
    assert!(labels(&data, part3).contains(&("Events".into(), 13)), "{:?}", labels(&data, part3));
    let dre = data.resolve("person:dr-dre").expect("dre");
    let events = data.link_groups(dre).into_iter().find(|g| g.kind == Kind::Event).expect("Dre's events");
    let meet = data.resolve("event:part-3/e04").expect("event");
    assert!(events.items.contains(&meet));
    // And back: the event lists Dre, its part, its themes and its sources.
    let back: Vec<Kind> = data.link_groups(meet).iter().map(|g| g.kind).collect();
    assert_eq!(back, [Kind::Episode, Kind::Person, Kind::Theme, Kind::Source]);
    assert!(data.link_groups(meet).iter().any(|g| g.items.contains(&dre)));
    let friendship = data.resolve("theme:friendship").expect("theme");
    assert!(data.link_groups(friendship).iter().any(|g| g.kind == Kind::Event && g.items.contains(&meet)));
    // An unplaced event belongs to the series.
    let unplaced = data.resolve("event:unplaced/e01").expect("unplaced");
    assert!(data.link_groups(unplaced).iter().any(|g| g.items.contains(&data.series_ref())));
}

#[test]
fn events_are_searchable_below_the_part_that_lists_them() {
    let data = common::bundled();
    let index = SearchIndex::build(&data);
    let hits = index.search(&Query::parse("event: nine inch nails tvt", false));
    assert_eq!(hits.first().map(|h| data.deep_link(h.record)), Some("event:part-3/e07".into()));
    let hits = index.search(&Query::parse("nine inch nails tvt", false));
    let at = |link: &str| hits.iter().position(|h| data.deep_link(h.record) == link);
    assert!(at("episode:part-3") < at("event:part-3/e07"), "{:?}", (at("episode:part-3"), at("event:part-3/e07")));
}

#[test]
fn show_series_prints_the_overview_and_list_can_include_it() {
    for reference in ["series", "series:the-defiant-ones"] {
        let show = run_args(&["show", reference]);
        assert_eq!(show.code, Some(0), "{}", show.stderr);
        for wanted in [
            "series:the-defiant-ones",
            "Network: HBO",
            "Directed by: Allen Hughes",
            "Awards:",
            "IDA Documentary Awards",
            "Where the sources disagree:",
            "Sale price: $3 billion",
            "Events (9)",
            "event:unplaced/e01",
        ] {
            assert!(show.stdout.contains(wanted), "{reference}: no {wanted:?} in\n{}", show.stdout);
        }
    }
    let list = run_args(&["list", "series"]);
    assert_eq!(list.stdout, "series:the-defiant-ones\tThe Defiant Ones\n");
    let all = run_args(&["list", "--all"]);
    assert!(all.stdout.contains("series:the-defiant-ones\t") && all.stdout.contains("event:part-3/e04\t"));
    let plain = run_args(&["list"]);
    assert!(!plain.stdout.contains("event:"), "the plain list is the file's records");
    let events = run_args(&["list", "event"]);
    assert_eq!(events.stdout.lines().count(), 54);
}

#[test]
fn show_event_names_its_part_dates_and_sources() {
    let show = run_args(&["show", "event:part-3/e04"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.contains("Part: Part 3 (explicit)"), "{}", show.stdout);
    let json = run_args(&["show", "event:part-3/e04", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["kind"], "event");
    assert_eq!(value["id"], "part-3/e04");
    assert_eq!(value["record"]["id"], "part-3/e04");
}

#[test]
fn groups_list_their_members_as_people_linked_both_ways() {
    let data = common::bundled();
    let nwa = data.resolve("person:nwa").expect("N.W.A");
    assert_eq!(data.people[nwa.index].aka, ["N.W.A."], "member names are no longer aliases");
    let members = data.link_groups(nwa).into_iter().find(|g| g.label == "Members").expect("Members");
    let mut ids: Vec<&str> = members.items.iter().map(|&r| data.id(r)).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["dj-yella", "dr-dre", "eazy-e", "ice-cube", "mc-ren"]);
    let cube = data.resolve("person:ice-cube").expect("Ice Cube");
    let of = data.link_groups(cube).into_iter().find(|g| g.label == "Member of").expect("Member of");
    assert_eq!(of.items, [nwa]);
    // "ice cube" finds the man, not the group through an alias.
    let index = SearchIndex::build(&data);
    let hits = index.search(&Query::parse("ice cube", false));
    assert_eq!(hits.first().map(|h| h.record), Some(cube));
    assert!(!hits.iter().any(|h| h.record == nwa && h.field == defiant::search::Field::Aka));
}

#[test]
fn corrections_carry_the_sources_found() {
    let data = common::bundled();
    let series = &data.series;
    let seed = series.facts.iter().find(|f| f.label == "Seed article").expect("the seed fact");
    assert!(seed.value.contains("Consequence of Sound") && !seed.value.contains("Neither was found"));
    assert!(seed.sources.iter().any(|s| s.as_str() == "consequence-hughes"));
    let consequence = data.resolve("source:consequence-hughes").expect("source");
    assert_eq!(data.sources[consequence.index].title, "HBO's The Defiant Ones: An Interview with Allen Hughes");
    assert_eq!(
        data.sources[consequence.index].url,
        "https://beta.consequence.net/2017/07/interview-with-allen-hughes/"
    );
    let editing = series.awards.iter().find(|a| a.category.starts_with("Picture editing")).expect("award");
    assert!(editing.detail.contains("Parts Unknown") && !editing.detail.contains("no source found"));
    let cited: Vec<&str> = editing.sources.iter().map(|s| s.as_str()).collect();
    assert!(cited.contains(&"paste-emmys") && cited.contains(&"wapo-emmys"), "{cited:?}");
    let grammy = series.awards.iter().find(|a| a.result == defiant::data::model::AwardResult::ReportedWon);
    let grammy = grammy.expect("the reported win");
    assert!(grammy.sources.iter().any(|s| s.as_str() == "juice-netflix"));
    let juice = data.resolve("source:juice-netflix").expect("juice");
    assert_eq!(data.sources[juice.index].url, "https://juice.de/?p=115088");
    let q59 = data.resolve("quote:q59").expect("q59");
    let q59 = &data.quotes[q59.index];
    assert_eq!(q59.reliability, Some(defiant::data::model::Reliability::Low));
    assert!(q59.notes.iter().any(|n| n.text.contains("Not found in the public copies")));
}

/// The screen drawn with a palette, as text.
fn drawn(app: &defiant::app::App, palette: &defiant::ui::Palette) -> String {
    common::screen_with(app, palette)
}

#[test]
fn the_overview_charts_read_label_then_value_and_use_glyphs_without_colour() {
    let app = common::app(common::bundled(), 120, 40);
    let palette = defiant::ui::Palette::monochrome();
    let screen = drawn(&app, &palette);
    let charts = &app.story().charts;
    // Each speaker's row reads name, count, then the bar, top to bottom in chart order.
    let mut at = 0;
    for &(person, count) in &charts.speakers {
        let name = app.data().label(person).into_owned();
        let row = screen[at..].lines().find(|l| l.contains(&name)).unwrap_or_else(|| panic!("{name}\n{screen}"));
        let after = &row[row.find(&name).expect("name") + name.len()..];
        assert!(after.trim_start().starts_with(&count.to_string()), "{row}");
        assert!(after.contains('█'), "a bar after the value: {row}");
        at = screen.find(row).expect("row") + row.len();
    }
    // Without colour, the measures of the parts chart differ by glyph.
    let people_row = screen.lines().find(|l| l.contains("people 19")).expect("Part 1's people bar");
    assert!(people_row.contains('▒') && !people_row.contains('█'), "{people_row}");
    let quotes_row = screen.lines().find(|l| l.contains("quotes  6")).expect("a quotes bar");
    assert!(quotes_row.contains('░'), "{quotes_row}");
    // And the series is beside the charts: awards, facts and the disagreements.
    let mut app = app;
    common::press(&mut app, "l");
    let doc = app.doc().expect("the series page");
    let text: String = (0..doc.len())
        .filter_map(|i| doc.line(app.data(), i))
        .map(|l| l.spans.iter().map(|(_, s)| s.as_str()).collect::<String>() + "\n")
        .collect();
    for wanted in ["Awards", "Facts", "Where the sources disagree", "Credits", "Directed by: Allen Hughes"] {
        assert!(text.contains(wanted), "no {wanted:?} on the series page");
    }
}

#[test]
fn events_are_dated_only_from_sources_and_conflicting_dates_are_kept() {
    let data = common::bundled();
    let dated: Vec<RecordRef> = data.records(Kind::Event).filter(|&r| !data.event(r).when.is_empty()).collect();
    assert_eq!(dated.len(), 16, "events with a date");
    for &r in &dated {
        for when in &data.event(r).when {
            assert!(!when.sources.is_empty(), "{} has an unsourced date", data.deep_link(r));
        }
    }
    // Interscope's founding year: every side kept, the best supported first.
    let interscope = data.resolve("event:part-3/e05").expect("event");
    let dates: Vec<&str> = data.event(interscope).when.iter().map(|w| &*w.date).collect();
    assert_eq!(dates, ["1990", "1989", "1991-01"]);
    let show = run_args(&["show", "event:part-3/e05"]);
    assert!(show.stdout.contains("When: 1990 [usatoday, ap, deadline-iovine, trackblazer]; 1989 [highsnob]; January 1991 [lat-1993] (the sources disagree)"), "{}", show.stdout);
    let undated = run_args(&["show", "event:part-2/e04"]);
    assert!(undated.stdout.contains("When: undated (no source gives a date)"), "{}", undated.stdout);
}

#[test]
fn timeline_command_prints_one_event_a_line_in_date_order() {
    let all = run_args(&["timeline"]);
    assert_eq!(all.code, Some(0), "{}", all.stderr);
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert_eq!(lines.len(), 54);
    assert!(lines[0].starts_with("1973     event:part-1/e08  "), "{}", lines[0]);
    assert!(lines.last().is_some_and(|l| l.starts_with("undated  event:unplaced/")));
    let years: Vec<i32> = lines.iter().filter_map(|l| l.trim_start_matches('~').get(..4)?.parse().ok()).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    let nineties = run_args(&["timeline", "--from", "1990", "--to", "1995", "--person", "dr-dre"]);
    let links: Vec<&str> =
        nineties.stdout.lines().filter_map(|l| l.split_whitespace().find(|p| p.starts_with("event:"))).collect();
    assert_eq!(links, ["event:unplaced/e03", "event:part-2/e07", "event:part-3/e04"]);
    assert!(nineties.stdout.contains("[sources disagree: 1992; about the 1990s; 1995]"));
    let json = run_args(&["timeline", "--from", "1998", "--to", "1998", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value[0]["id"], "part-4/e06");
    assert_eq!(value[0]["episode"], "part-4");
    assert_eq!(value[0]["dates"][0]["sources"][0], "southpawer-em");
    let none = run_args(&["timeline", "--from", "1900", "--to", "1901"]);
    assert_eq!((none.code, none.stdout.as_str()), (Some(1), ""));
    let unknown = run_args(&["timeline", "--person", "dr-drey"]);
    assert_eq!(unknown.code, Some(2));
    assert!(unknown.stderr.contains("did you mean: person:dr-dre"), "{}", unknown.stderr);
}

#[test]
fn the_timeline_pane_lists_events_by_year_in_lanes_and_jumps_by_decade() {
    use defiant::app::{Focus, Pane};
    let mut app = common::app(common::bundled(), 120, 40);
    common::press(&mut app, "6");
    assert_eq!(app.pane(), Pane::Timeline);
    let link = |app: &defiant::app::App| app.selected().map(|r| app.data().deep_link(r)).unwrap_or_default();
    assert_eq!(link(&app), "event:part-1/e08", "the first row is the earliest dated event (1973)");
    common::press(&mut app, "]");
    assert_eq!(link(&app), "event:part-2/e05", "] goes to the 1980s");
    common::press(&mut app, "]");
    assert_eq!(link(&app), "event:part-3/e05", "] goes to the 1990s");
    common::press(&mut app, "[");
    assert_eq!(link(&app), "event:part-2/e05");
    common::press(&mut app, "[ [");
    assert_eq!(link(&app), "event:part-1/e08", "[ stops at the first decade");
    // Three lanes from 80 columns: names over the lanes, Dee Barnes' account in Dre's lane.
    let screen = common::screen(&app);
    assert!(screen.contains("◀ Jimmy Iovine") && screen.contains("▶ Dr. Dre"), "{screen}");
    let dee = screen.lines().find(|l| l.contains("Dee Barnes, former")).expect("the 1991 row");
    assert!(dee.find("Dee Barnes").expect("text") > 80, "in the right lane: {dee}");
    // Enter opens the event; the timeline stays beside it, in one lane with markers.
    common::press(&mut app, "j <enter>");
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.history().current().map(|v| app.data().deep_link(v.record)), Some("event:part-1/e09".into()));
    let screen = common::screen(&app);
    assert!(screen.contains("◀ P1 Iovine engineers"), "{screen}");
    // Narrow: one lane with markers.
    let mut narrow = common::app(common::bundled(), 70, 24);
    common::press(&mut narrow, "6");
    let screen = common::screen(&narrow);
    assert!(
        screen.contains("◀ P1 Called into the studio") && screen.contains("◀ Jimmy Iovine ◆ both ▶ Dr. Dre"),
        "{screen}"
    );
}

#[test]
fn a_timeline_filter_finds_the_events_of_a_person() {
    let mut app = common::app(common::bundled(), 120, 40);
    common::press(&mut app, "6 /");
    common::type_text(&mut app, "dee barnes");
    let search = app.search().expect("the filter");
    let found: Vec<String> =
        search.shown.iter().map(|&i| app.data().deep_link(search.hits[i as usize].record)).collect();
    assert!(found.contains(&"event:part-2/e07".to_string()), "{found:?}");
    assert!(found.iter().all(|l| l.starts_with("event:")), "{found:?}");
}

#[test]
fn brackets_jump_between_the_sections_of_a_detail() {
    let mut app = common::app(common::bundled(), 120, 40);
    common::press(&mut app, "1 <enter>");
    let doc = app.doc().expect("Part 1").clone();
    let rows = app.layout().expect("fits").detail_rows();
    assert!(doc.len() > rows * 2, "Part 1's page is long");
    // From the top, `]` steps through the sections to the last one in a few presses.
    let last = *doc.headings.last().expect("sections");
    let mut presses = 0;
    while app.detail_position().0 < last.min(doc.len() - rows) && presses < 20 {
        common::press(&mut app, "]");
        presses += 1;
    }
    assert!(presses <= doc.headings.len(), "at most one press a section: {presses}");
    let (scroll, link) = app.detail_position();
    let link = link.expect("a link is selected");
    let row = doc.link_row(link).expect("its row");
    assert!(row >= scroll && row < scroll + rows, "the selected link is on screen");
    common::press(&mut app, "[");
    assert!(app.detail_position().0 < scroll || app.detail_position().1 < Some(link), "[ goes back");
}

#[test]
fn o_cycles_a_lists_order_the_title_says_which_and_each_pane_keeps_its_own() {
    use defiant::app::Pane;
    let mut app = common::app(common::bundled(), 120, 40);
    let label = |app: &defiant::app::App| app.selected().map(|r| app.data().label(r).into_owned()).unwrap_or_default();
    common::press(&mut app, "3");
    assert_eq!(label(&app), "Dr. Dre", "the dataset's order first");
    common::press(&mut app, "o g g");
    assert!(common::screen(&app).contains("People (81) · by name"), "{}", common::screen(&app));
    let mut names: Vec<String> = app.data().people.iter().map(|p| p.name.to_lowercase()).collect();
    names.sort();
    assert_eq!(label(&app).to_lowercase(), names[0]);
    common::press(&mut app, "o g g");
    assert!(common::screen(&app).contains("· most quoted"));
    assert_eq!(label(&app), "Allen Hughes", "the most quoted person first");
    common::press(&mut app, "o g g");
    assert!(common::screen(&app).contains("· by episode"));
    // Another pane has its own order; coming back finds this one as it was.
    common::press(&mut app, "1 o o o");
    assert!(common::screen(&app).contains("Episodes (4) · by date"), "{}", common::screen(&app));
    common::press(&mut app, "3");
    assert!(common::screen(&app).contains("· by episode"));
    assert_eq!(app.order(Pane::People).label(defiant::data::Kind::Person), "by episode");
    common::press(&mut app, "o");
    assert!(common::screen(&app).contains(" People (81) "), "back to the dataset's order");
    // The selection stays on its record when the order changes.
    common::press(&mut app, "5 j j");
    let before = app.selected();
    common::press(&mut app, "o");
    assert_eq!(app.selected(), before);
}

/// `show` wraps on words to a terminal (70 columns here), and never in a pipe.
#[cfg(unix)]
#[test]
fn show_wraps_to_the_terminal_and_never_in_a_pipe() {
    #[path = "pty_support/mod.rs"]
    mod pty_support;
    let mut pty = pty_support::Pty::spawn(pty_support::Spawn {
        args: &["show", "episode:part-1"],
        cols: 70,
        rows: 400,
        ..pty_support::Spawn::default()
    });
    pty.expect_exit(0);
    let rows: Vec<String> = pty.screen_rows().iter().map(|r| r.trim_end().to_string()).collect();
    let screen = rows.join("\n");
    assert!(rows.iter().all(|l| l.chars().count() <= 70), "{screen}");
    // No word is split: every word of the summary is whole on some line.
    let piped = run_args(&["show", "episode:part-1"]);
    let summary = piped.stdout.lines().skip_while(|l| *l != "Summary:").nth(1).expect("the summary").trim().to_string();
    assert!(summary.chars().count() > 70, "the pipe keeps the summary on one line");
    let words: Vec<&str> = screen.split_whitespace().collect();
    for word in summary.split_whitespace() {
        assert!(words.contains(&word), "{word:?} was split:\n{screen}");
    }
    assert!(rows.iter().any(|r| r.starts_with("  ") && r.len() > 40), "wrapped lines keep their indent");
}

#[test]
fn where_the_sources_disagree_gives_each_side_with_its_own_sources() {
    let show = run_args(&["show", "series"]);
    let section: String = show
        .stdout
        .lines()
        .skip_while(|l| *l != "Where the sources disagree:")
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(section.contains("Sale price: $3 billion (AP: more than $3 billion) [bb-inside, kcrw-biz, ap] · $3.2 billion [lat-review, usatoday, goldderby, albumism, uproxx-tv, opusmag]"), "{section}");
    assert!(section.contains("Interscope's founding year: 1989 [highsnob] · 1990 ["), "{section}");
    // Every conflict note of the series, its facts and its events is there, once.
    let data = common::bundled();
    let all = defiant::present::story::conflicts(&data);
    assert!(all.len() >= 15, "{}", all.len());
    assert_eq!(section.lines().filter(|l| l.starts_with("  • ")).count(), all.len());
    for note in all.iter().filter(|n| !n.sides.is_empty()) {
        assert!(note.sides.len() >= 2 && note.sides.iter().all(|s| !s.sources.is_empty()), "{}", note.text);
    }
}

/// The run loop makes the Overview's charts and the Timeline off the UI thread, after the
/// first frame: until they come both panes say so, and then draw them (the first frame of
/// a million records no longer waits for them, BENCHMARKS §14, §15).
fn press_timeline_while_counting(app: &mut defiant::app::App) {
    common::press(app, "6 j");
    let text = common::screen(app);
    assert!(text.contains("Putting the events in order…"), "{text}");
    assert_eq!(app.rows(defiant::app::Pane::Timeline).len(app.data()), 0);
    common::press(app, "0");
}

#[test]
fn the_overview_and_timeline_say_counting_until_the_story_arrives() {
    use std::sync::Arc;
    let data = common::bundled();
    let index = Arc::new(defiant::search::SearchIndex::build(&data));
    let mut app = defiant::app::App::with_index_counting_later(data.clone(), index);
    common::send(&mut app, defiant::app::Internal::Resized { width: 120, height: 40 });
    let text = common::screen(&app);
    assert!(text.contains("counting…"), "{text}");
    assert!(!text.contains("Allen Hughes    45"), "{text}");
    press_timeline_while_counting(&mut app);
    let story = Arc::new(defiant::app::Story::build(&data));
    common::send(&mut app, defiant::app::Internal::StoryCounted(story));
    common::press(&mut app, "6");
    let text = common::screen(&app);
    assert!(!text.contains("Putting the events in order…"), "{text}");
    assert!(text.contains(" dated) "), "{text}");
    common::press(&mut app, "0");
    let text = common::screen(&app);
    assert!(!text.contains("counting…"), "{text}");
    assert!(text.contains("Allen Hughes    45"), "{text}");
    assert_eq!(app.rows(defiant::app::Pane::Overview).len(app.data()), 10, "the bars are the Overview's rows");
    common::press(&mut app, "j <enter>");
    assert_eq!(app.history().current().map(|v| app.data().deep_link(v.record)).as_deref(), Some("person:jimmy-iovine"));
}
