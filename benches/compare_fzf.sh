#!/usr/bin/env bash
# Whole-process comparison: `defiant search Q` (JSON loading, validation, indexing and
# search included) against `fzf --filter Q` over the same records as `defiant list` text.
#
# Installs nothing. Needs on PATH: fzf and hyperfine (Debian/Ubuntu:
# `apt-get install -y fzf hyperfine`), plus cargo.
#
#   benches/compare_fzf.sh                 # 100k and 1M records
#   SIZES="100000" RUNS=20 benches/compare_fzf.sh
#
# Output: hyperfine tables per size and query, a summary of medians in
# $OUT/summary.tsv, and `--timings` breakdowns (load / index / search) per query.
set -euo pipefail

for tool in fzf hyperfine cargo; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y fzf hyperfine)" >&2; exit 2; }
done

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
QUERIES=${QUERIES:-"de wsdm kindness zqxj"}
RUNS=${RUNS:-10}
SEED=${SEED:-42}
OUT=${OUT:-target/compare-fzf}
mkdir -p "$OUT"

cargo build --release --quiet --bin defiant --example synth
TARGET=$(realpath "${CARGO_TARGET_DIR:-target}")
DEFIANT=$TARGET/release/defiant
SYNTH=$TARGET/release/examples/synth

echo "fzf $(fzf --version) / $(hyperfine --version) / $(rustc --version)"
printf 'records\tquery\tfzf_median_ms\tdefiant_median_ms\tratio_defiant_fzf\n' > "$OUT/summary.tsv"

for n in $SIZES; do
    data=$OUT/$n.json
    list=$OUT/$n.txt
    [ -s "$data" ] || "$SYNTH" --records "$n" --seed "$SEED" --out "$data"
    "$DEFIANT" --data "$data" list > "$list"
    echo
    echo "== $n records: $(du -h "$data" | cut -f1) JSON, $(du -h "$list" | cut -f1) list text"
    for q in $QUERIES; do
        # hyperfine 1.15 has no --input: both commands run under `sh -c` (the same ≈1 ms
        # for each) so fzf can read the list on stdin. -i: exit status 1 = no match.
        hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$OUT/$n-$q.json" \
            -n "fzf $q" "sh -c 'fzf --filter $q < $list > /dev/null'" \
            -n "defiant $q" "sh -c '$DEFIANT --data $data search $q --limit 0 > /dev/null'"
        python3 - "$OUT/$n-$q.json" "$n" "$q" >> "$OUT/summary.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
fzf, ours = (r[0]["median"] * 1000, r[1]["median"] * 1000)
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{fzf:.1f}\t{ours:.1f}\t{ours / fzf:.2f}")
PY
    done
    echo
    echo "-- $n records: defiant --timings (3 runs per query)"
    for q in $QUERIES; do
        for _ in 1 2 3; do
            # Exit status 1 means "no match" (zqxj): not a failure here.
            { "$DEFIANT" --data "$data" search "$q" --limit 0 --timings 2>&1 >/dev/null || true; } | sed "s/^/$q: /"
        done
    done
done

echo
echo "== medians (ms); ratio = defiant / fzf"
column -t -s $'\t' "$OUT/summary.tsv"
