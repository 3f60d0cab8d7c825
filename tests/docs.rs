//! The README documents the query language with the same table the program shows.

use defiant::search::query::SYNTAX;

/// The code spans of the first cell of each row of the README's query table, as words.
fn readme_rows() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap_or_default();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| Query | Matches |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    table
        .iter()
        .map(|row| {
            let row = row.replace("\\|", "\u{1}");
            let cell = row.split('|').nth(1).unwrap_or_default().replace('\u{1}', "|");
            cell.split('`')
                .skip(1)
                .step_by(2)
                .flat_map(|span| span.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect()
        })
        .collect()
}

#[test]
fn readme_lists_every_operator_of_the_query_table() {
    let rows = readme_rows();
    assert_eq!(rows.len(), SYNTAX.len(), "README rows {rows:?}");
    for (syntax, words) in SYNTAX.iter().zip(&rows) {
        for word in syntax.example.split_whitespace().filter(|w| *w != "…") {
            assert!(words.iter().any(|w| w == word), "README row {words:?} lacks `{word}` ({})", syntax.meaning);
        }
    }
}
