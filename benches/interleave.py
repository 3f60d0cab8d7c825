#!/usr/bin/env python3
# Interleaved rounds of fzf, json, build and warm for one size and query, on the sets, lists
# and warm cache `OUT=/tmp/cmp2 benches/compare_fzf.sh` leaves (BENCHMARKS.md §15).
#   benches/interleave.py 100000 wsdm 21
import subprocess, time, sys, statistics, shutil, os
n, q, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
D = "/work/main/target/release/defiant"; OUT = "/tmp/cmp2"
data, lst = f"{OUT}/{n}.json", f"{OUT}/{n}.txt"
cold, warm = "/tmp/il-cold", f"{OUT}/cache-warm"
cmds = {
 "fzf": f"fzf --filter {q} < {lst} > /dev/null",
 "json": f"{D} --no-cache --data {data} search {q} --limit 0 > /dev/null",
 "build": f"{D} --cache {cold} --data {data} search {q} --limit 0 > /dev/null",
 "warm": f"{D} --cache {warm} --data {data} search {q} --limit 0 > /dev/null",
}
t = {k: [] for k in cmds}
def wait_builders():
    while subprocess.run(["pgrep", "-f", f"--cache {cold} cache build"], capture_output=True).returncode == 0:
        time.sleep(0.05)
for i in range(runs + 1):
    for k, c in cmds.items():
        wait_builders(); shutil.rmtree(cold, ignore_errors=True)
        s = time.perf_counter(); subprocess.run(c, shell=True); e = time.perf_counter()
        if i: t[k].append((e - s) * 1000)
m = {k: statistics.median(v) for k, v in t.items()}
print(f"{n}\t{q}\t" + "\t".join(f"{m[k]:.1f}" for k in cmds) + f"\twarm/fzf {m['warm']/m['fzf']:.2f}\tbuild/json {m['build']/m['json']:.2f}")
