#!/usr/bin/env bash
# Compares the training speed of two builds of latent-bench on every benchmark case, alternating the builds
# (A, B, A, B, … for each case, ROUNDS times each) so that both see the same machine load; prints the median
# images/s of each build per case, the spread (lowest–highest) and the ratio B/A, as a Markdown table.
#
# Usage: Benchmarks/interleaved.sh A_BENCH B_BENCH [ROUNDS] [RESULTS_JSONL]
#   A_BENCH, B_BENCH  two latent-bench executables, e.g. the release builds of two commits:
#                     git worktree add /tmp/before main && (cd /tmp/before && swift build -c release)
#   ROUNDS            runs of each build per case (default 3)
#   RESULTS_JSONL     where every run's JSON line goes (default: a temporary file, named at the end)
# Needs python3 for the table. Run from the repository root; threads: $THREADS (default 2).
set -euo pipefail
a="$1" b="$2" rounds="${3:-3}" results="${4:-$(mktemp --suffix=.jsonl)}"
threads="${THREADS:-2}"
cases="mlp-gan dcgan dcgan-mnist dcgan-32 wgan-gp wgan-gp-full vae-mlp"
: > "$results"
for model in $cases; do
    for batch in 64 256; do
        for round in $(seq "$rounds"); do
            for build in A B; do
                bench="$a"; [ "$build" = B ] && bench="$b"
                line="$("$bench" --model "$model" --batch "$batch" --threads "$threads" --json)"
                load="$(cut -d' ' -f1 /proc/loadavg)"
                echo "{\"build\": \"$build\", \"round\": $round, \"load\": $load, \"result\": $line}" >> "$results"
                echo "$build $model batch $batch round $round: $(echo "$line" | grep -o '"images_per_second":[0-9.]*') (load $load)" >&2
            done
        done
    done
done
echo "runs: $results" >&2
python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
cases = []
for run in runs:
    case = (run["result"]["model"], run["result"]["batch"])
    if case not in cases:
        cases.append(case)
print("| model | batch | A median images/s (spread) | B median images/s (spread) | B/A |")
print("| --- | ---: | ---: | ---: | ---: |")
for model, batch in cases:
    speeds = {build: [r["result"]["images_per_second"] for r in runs
                      if r["build"] == build and (r["result"]["model"], r["result"]["batch"]) == (model, batch)]
              for build in "AB"}
    a, b = (statistics.median(speeds[k]) for k in "AB")
    cell = lambda k, m: f"{m:,.0f} ({min(speeds[k]):,.0f}–{max(speeds[k]):,.0f})"
    print(f"| {model} | {batch} | {cell('A', a)} | {cell('B', b)} | {b / a:.2f} |")
loads = [r["load"] for r in runs]
print(f"\nLoad average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}.")
PY
