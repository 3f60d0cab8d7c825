#!/usr/bin/env bash
# compare_outputs.sh BIN OUTDIR: every command-line output (stdout, stderr, exit code) of BIN on the
# bundled data and on every fixture, one file each, so two builds can be compared with diff -r.
# Used for the architecture change (#10): run it for the old and the new binary, then diff -r.
# For the snapshot cache (#14), the same binary twice: EXTRA="--no-cache" (from the JSON), and
# EXTRA="--cache DIR" run twice (the second run reads every answer from a snapshot); DATA
# adds data files (e.g. synthetic 1k and 100k sets) whose list, searches and first 200
# records are compared too:
#   EXTRA=--no-cache DATA="/tmp/1k.json /tmp/100k.json" benches/compare_outputs.sh BIN out-json
set -u
BIN=$1; OUT=$2; FIX="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures"
EXTRA=${EXTRA:-}; DATA=${DATA:-}
mkdir -p "$OUT"
# shellcheck disable=SC2086 # EXTRA is a list of options
run() { local name=$1; shift; "$BIN" $EXTRA "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" </dev/null; echo $? >"$OUT/$name.rc"; }
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
for f in $DATA; do b=$(basename "$f" .json)
  run "dx-$b-list" --data "$f" list; run "dx-$b-listj" --data "$f" list --json
  "$BIN" --no-cache --data "$f" list 2>/dev/null | cut -f1 | head -200 | while read -r r; do run "dx-$b-show-${r//:/_}" --data "$f" show "$r"; run "dx-$b-showj-${r//:/_}" --data "$f" show "$r" --json; done
  for q in de wsdm kindness zqxj "'the" "quote: !kindness ^q00" "person:"; do s=$(echo "$q" | tr -c 'a-zA-Z0-9' '_')
    run "dx-$b-search-$s" --data "$f" search "$q" --limit 0; run "dx-$b-searchj-$s" --data "$f" search "$q" --json --limit 500
  done
  run "dx-$b-quote" --data "$f" quote q0000001 --json
done
