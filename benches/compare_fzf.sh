#!/usr/bin/env bash
# Whole-process comparison: `defiant search Q --limit 0` against `fzf --filter Q` over the
# same records as `defiant list` text, in one run, side by side (issue #14):
#   fzf      fzf --filter Q < list
#   json     defiant --no-cache (load, check and index the JSON: what every run did before #14)
#   build    defiant with an empty cache directory (answers from the JSON and starts the
#            snapshot's build in a detached child; `--prepare` waits for that child, by its
#            lock, before the next run, so it never overlaps a measured one)
#   warm     defiant with a good snapshot
#
# Installs nothing. Needs on PATH: fzf, hyperfine and GNU time (/usr/bin/time) (Debian/Ubuntu:
# `apt-get install -y fzf hyperfine time`), plus cargo.
#
#   benches/compare_fzf.sh                 # 100k and 1M records
#   SIZES="100000" RUNS=20 benches/compare_fzf.sh
#
# Output: hyperfine tables per size and query; $OUT/summary.tsv with the medians (ms) and
# ratios; $OUT/rss.tsv with peak RSS (median of 3, MiB) and CPUs used (user+sys / wall) of
# each; the load average before and after each size.
set -euo pipefail

for tool in fzf hyperfine cargo /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y fzf hyperfine time)" >&2; exit 2; }
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
COLD=$(realpath "$OUT")/cache-build
# Empty the building run's cache once its last background builder is done: the builder
# exists (named by `--cache DIR cache build` on its command line) before the run that
# started it exits,
# and holds an flock on DIR/.NAME.snap.lock until it exits. Waiting, never killing.
FRESH=$(realpath "$OUT")/fresh-cache.sh
cat > "$FRESH" <<'SH'
while pgrep -f -- "--cache $1 cache build" > /dev/null; do sleep 0.05; done
for l in "$1"/.*.lock; do [ -e "$l" ] && flock "$l" true; done
rm -rf "$1"
SH
WARM=$(realpath "$OUT")/cache-warm

echo "fzf $(fzf --version) / $(hyperfine --version) / $(rustc --version)"
printf 'records\tquery\tfzf\tjson\tbuild\twarm\tjson/fzf\tbuild/json\twarm/fzf\n' > "$OUT/summary.tsv"
printf 'records\tquery\tcommand\tpeak_MiB\tCPUs\n' > "$OUT/rss.tsv"

# Median peak RSS (MiB) and CPUs of three runs of a shell command.
rss() {
    for _ in 1 2 3; do
        /usr/bin/time -f '%M %U %S %e' sh -c "$1" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 2p | awk '{ cpus = ($4 > 0) ? ($2 + $3) / $4 : 0; printf "%.0f\t%.2f\n", $1 / 1024, cpus }'
}

for n in $SIZES; do
    data=$OUT/$n.json
    list=$OUT/$n.txt
    [ -s "$data" ] || "$SYNTH" --records "$n" --seed "$SEED" --out "$data"
    # A snapshot is made only of a file that has not changed for a second (the racy guard).
    touch -d '1 minute ago' "$data"
    sleep 1.1
    "$DEFIANT" --no-cache --data "$data" list > "$list"
    rm -rf "$WARM"
    DEFIANT_CACHE_BUILD=inline "$DEFIANT" --cache "$WARM" --data "$data" list episode > /dev/null
    echo
    echo "== $n records: $(du -h "$data" | cut -f1) JSON, $(du -h "$list" | cut -f1) list text, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for q in $QUERIES; do
        fzf_cmd="fzf --filter $q < $list > /dev/null"
        json_cmd="$DEFIANT --no-cache --data $data search $q --limit 0 > /dev/null"
        build_cmd="$DEFIANT --cache $COLD --data $data search $q --limit 0 > /dev/null"
        warm_cmd="$DEFIANT --cache $WARM --data $data search $q --limit 0 > /dev/null"
        # hyperfine 1.15 has no --input: every command runs under `sh -c` (the same ≈1 ms
        # for each) so fzf can read the list on stdin. -i: exit status 1 = no match.
        hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$OUT/$n-$q.json" \
            --prepare "sh $FRESH $COLD" \
            -n "fzf $q" "sh -c '$fzf_cmd'" \
            -n "json $q" "sh -c '$json_cmd'" \
            -n "build $q" "sh -c '$build_cmd'" \
            -n "warm $q" "sh -c '$warm_cmd'"
        python3 - "$OUT/$n-$q.json" "$n" "$q" >> "$OUT/summary.tsv" <<'PY'
import json, sys
r = [x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]]
fzf, js, build, warm = r
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{fzf:.1f}\t{js:.1f}\t{build:.1f}\t{warm:.1f}\t{js / fzf:.2f}\t{build / js:.2f}\t{warm / fzf:.2f}")
PY
        printf '%s\t%s\t%s\t%s\n' "$n" "$q" fzf "$(rss "$fzf_cmd")" >> "$OUT/rss.tsv"
        printf '%s\t%s\t%s\t%s\n' "$n" "$q" json "$(rss "$json_cmd")" >> "$OUT/rss.tsv"
        # Every build run starts from an empty cache (the rm costs no memory). `build` is the
        # command (its builder is detached: not counted); `builder` the builder alone.
        printf '%s\t%s\t%s\t%s\n' "$n" "$q" build "$(rss "sh $FRESH $COLD; $build_cmd")" >> "$OUT/rss.tsv"
        printf '%s\t%s\t%s\t%s\n' "$n" "$q" builder "$(rss "sh $FRESH $COLD; $DEFIANT --cache $COLD --data $data cache build")" >> "$OUT/rss.tsv"
        printf '%s\t%s\t%s\t%s\n' "$n" "$q" warm "$(rss "$warm_cmd")" >> "$OUT/rss.tsv"
    done
    echo "-- $n records done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "-- warm --timings:"
    for q in $QUERIES; do
        { "$DEFIANT" --cache "$WARM" --data "$data" search "$q" --limit 0 --timings 2>&1 >/dev/null || true; } | sed "s/^/$q: /"
    done
done

echo
echo "== medians (ms); ratios"
column -t -s $'\t' "$OUT/summary.tsv"
echo
echo "== peak RSS (MiB, median of 3) and CPUs used"
column -t -s $'\t' "$OUT/rss.tsv"
