#!/usr/bin/env bash
# compare_outputs.sh BIN OUTDIR: every command-line output (stdout, stderr, exit code) of BIN on the
# bundled data and on every fixture, one file each, so two builds can be compared with diff -r.
# Used for the architecture change (#10): run it for the old and the new binary, then diff -r.
set -u
BIN=$1; OUT=$2; FIX="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures"
mkdir -p "$OUT"
run() { local name=$1; shift; "$BIN" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null; echo $? >"$OUT/$name.rc"; }
# bundled
run list list; run list-json list --json
for k in episode theme person footage quote source series; do run list-$k list $k; done
"$BIN" list | cut -f1 | while read -r r; do run "show-${r//:/_}" show "$r"; run "showj-${r//:/_}" show "$r" --json; done
"$BIN" list quote | cut -f1 | while read -r r; do run "quote-${r//:/_}" quote "$r"; run "quotej-${r//:/_}" quote "$r" --json; done
for q in dre iovine "'beats" "^dr" "dre$" "!tupac dre" "dre | jimmy" "person: dre" "quote: chronic !hughes" kindness zqxj "Dre" "élan" "Beats by" levitator "theme:" "source: rolling"; do
  s=$(echo "$q" | tr -c 'a-zA-Z0-9' '_')
  run "search-$s" search "$q"; run "searchj-$s" search "$q" --json --limit 0; run "searche-$s" search "$q" --exact
done
run validate validate; run validate-strict validate --strict
for f in "$FIX"/*.json; do b=$(basename "$f" .json)
  run "fx-$b-validate" validate "$f"; run "fx-$b-validate-strict" validate --strict "$f"
  run "fx-$b-list" --data "$f" list; run "fx-$b-listj" --data "$f" list --json
  "$BIN" --data "$f" list 2>/dev/null | cut -f1 | head -200 | while read -r r; do run "fx-$b-show-${r//:/_}" --data "$f" show "$r"; run "fx-$b-showj-${r//:/_}" --data "$f" show "$r" --json; done
  for q in a e dre "'the"; do s=$(echo "$q" | tr -c 'a-zA-Z0-9' '_'); run "fx-$b-search-$s" --data "$f" search "$q"; run "fx-$b-searchj-$s" --data "$f" search "$q" --json; done
  run "fx-$b-quote" --data "$f" quote --random --json
done
