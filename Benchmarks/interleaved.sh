#!/usr/bin/env bash
# Compares the training speed of two builds of latent-bench on every benchmark case, alternating the builds
# (A, B, A, B, … for each case, ROUNDS times each) so that both see the same machine load; prints the median
# images/s of each build per case, the spread (lowest–highest) and the ratio B/A, and the same for the processor
# time of each whole run (user + system over all threads: fixed steps make it comparable), as a Markdown table.
#
# Usage: Benchmarks/interleaved.sh A_BENCH B_BENCH [ROUNDS] [RESULTS_JSONL]
#   A_BENCH, B_BENCH  two latent-bench executables, e.g. the release builds of two commits:
#                     git worktree add /tmp/before main && (cd /tmp/before && swift build -c release)
#   ROUNDS            runs of each build per case (default 3)
#   RESULTS_JSONL     where every run's JSON line goes (default: a temporary file, named at the end)
# Needs python3 for the table. Threads: $THREADS (default 2); timed steps per run: $STEPS (default: latent-bench's
# own, about 6 seconds of steps and at least 30).
set -euo pipefail
a="$1" b="$2" rounds="${3:-3}" results="${4:-$(mktemp --suffix=.jsonl)}"
threads="${THREADS:-2}"
steps=()
if [ -n "${STEPS:-}" ]; then steps=(--steps "$STEPS"); fi
cases="mlp-gan dcgan dcgan-mnist dcgan-32 wgan-gp wgan-gp-full vae-mlp"
: > "$results"
for model in $cases; do
    for batch in 64 256; do
        for round in $(seq "$rounds"); do
            for build in A B; do
                bench="$a"; [ "$build" = B ] && bench="$b"
                # The processor time of the whole run (user + system, every thread) moves less with the
                # machine's load than the wall-clock speed does.
                line="$(/usr/bin/time -f '%U %S' -o "$results.time" \
                    "$bench" --model "$model" --batch "$batch" --threads "$threads" "${steps[@]}" --json)"
                cpu="$(awk '{ print $1 + $2 }' "$results.time")"
                load="$(cut -d' ' -f1 /proc/loadavg)"
                echo "{\"build\": \"$build\", \"round\": $round, \"load\": $load, \"cpu_seconds\": $cpu, \"result\": $line}" >> "$results"
                echo "$build $model batch $batch round $round: $(echo "$line" | grep -o '"images_per_second":[0-9.]*'), $cpu CPU s (load $load)" >&2
            done
        done
    done
done
rm -f "$results.time"
echo "runs: $results" >&2
python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
cases = []
for run in runs:
    case = (run["result"]["model"], run["result"]["batch"])
    if case not in cases:
        cases.append(case)
print("| model | batch | A images/s: median (spread) | B images/s: median (spread) | B/A | A CPU s: median (spread) | B CPU s: median (spread) | B/A |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for model, batch in cases:
    chosen = [r for r in runs if (r["result"]["model"], r["result"]["batch"]) == (model, batch)]
    speed = {k: [r["result"]["images_per_second"] for r in chosen if r["build"] == k] for k in "AB"}
    cpu = {k: [r["cpu_seconds"] for r in chosen if r["build"] == k] for k in "AB"}
    def cell(values, digits):
        return f"{statistics.median(values):,.{digits}f} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"
    ratio = lambda d: statistics.median(d["B"]) / statistics.median(d["A"])
    print(f"| {model} | {batch} | {cell(speed['A'], 0)} | {cell(speed['B'], 0)} | {ratio(speed):.2f} "
          f"| {cell(cpu['A'], 2)} | {cell(cpu['B'], 2)} | {ratio(cpu):.2f} |")
loads = [r["load"] for r in runs]
print(f"\nLoad average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}.")
PY
