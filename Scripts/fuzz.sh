#!/usr/bin/env bash
# Fuzzes Latent's parsers of untrusted files (docs/security.md): builds Fuzz/'s `latent-fuzz` with libFuzzer and
# AddressSanitizer, runs it on each format for SECONDS (from the seeds in Fuzz/Corpus/FORMAT/), and replays every
# input saved in Fuzz/Regressions/FORMAT/. An input that crashes is copied into Fuzz/Regressions/FORMAT/ (commit it
# with the fix) and the script fails.
# Usage: Scripts/fuzz.sh [SECONDS [FORMAT...]]     (default: 25 seconds for each of every format)
# Environment: FUZZ_BUILD_PATH, the build folder (default Fuzz/.build/fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-25}"
shift || true
formats=("$@")
if [ ${#formats[@]} -eq 0 ]; then
    formats=(safetensors checkpoint torch png jpeg idx cifar10 tar zip config metrics statistics)
fi
build_path="${FUZZ_BUILD_PATH:-Fuzz/.build/fuzz}"

# swiftc obeys only its last -sanitize= option, and SwiftPM passes one per --sanitize in no fixed order, so that
# `--sanitize=fuzzer --sanitize=address` builds either coverage or AddressSanitizer, never both. SwiftPM's own
# --sanitize=fuzzer is kept for linking (libFuzzer supplies main); the combined option, last, is what compiles.
sanitizers=(--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
start=$(date +%s)
swift build --package-path Fuzz --scratch-path "$build_path" -c debug --product latent-fuzz "${sanitizers[@]}"
fuzzer="$(swift build --package-path Fuzz --scratch-path "$build_path" -c debug "${sanitizers[@]}" --show-bin-path)/latent-fuzz"
echo "fuzz: built latent-fuzz in $(( $(date +%s) - start )) s"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Swift's runtime keeps caches for the life of the process, which LeakSanitizer would report; memory errors stay on.
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1"
# Swift's own crash backtracer runs alongside AddressSanitizer's report and trips it; libFuzzer reports the crash.
export SWIFT_BACKTRACE="enable=no"
failed=()
for format in "${formats[@]}"; do
    seeds="Fuzz/Corpus/$format"
    regressions="Fuzz/Regressions/$format"
    [ -d "$seeds" ] || { echo "fuzz: no seed folder $seeds" >&2; exit 2; }
    mkdir -p "$work/$format/corpus" "$work/$format/crashes" "$work/$format/tmp"
    saved=()
    if [ -d "$regressions" ]; then
        mapfile -t saved < <(find "$regressions" -type f ! -name '.*' | sort)
    fi
    if [ ${#saved[@]} -gt 0 ] && ! LATENT_FUZZ_FORMAT="$format" TMPDIR="$work/$format/tmp" "$fuzzer" \
            -rss_limit_mb=3072 "${saved[@]}" >"$work/$format/replay.log" 2>&1; then
        echo "fuzz: $format: a saved input in $regressions crashes again:" >&2
        tail -40 "$work/$format/replay.log" >&2
        failed+=("$format")
        continue
    fi
    # -timeout: an input taking more than 30 s counts as a hang; -rss_limit_mb: more than 3 GiB counts as a crash.
    if LATENT_FUZZ_FORMAT="$format" TMPDIR="$work/$format/tmp" "$fuzzer" \
            -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -print_final_stats=1 \
            -artifact_prefix="$work/$format/crashes/" "$work/$format/corpus" "$seeds" >"$work/$format/fuzz.log" 2>&1; then
        runs="$(grep -h 'stat::number_of_executed_units' "$work/$format/fuzz.log" | awk '{ print $2 }')"
        if ! coverage="$(grep -o 'cov: [0-9]*' "$work/$format/fuzz.log" | tail -1)" || [ -z "$coverage" ]; then
            echo "fuzz: $format: libFuzzer saw no coverage: latent-fuzz was built without -sanitize=fuzzer" >&2
            failed+=("$format")
            continue
        fi
        echo "fuzz: $format: $runs inputs in $seconds s, no crash ($coverage)"
    else
        echo "fuzz: $format: CRASH" >&2
        grep -h -A30 'ERROR: \|Fatal error\|==ERROR\|deadly signal\|timeout after' "$work/$format/fuzz.log" | head -60 >&2 || tail -60 "$work/$format/fuzz.log" >&2
        mkdir -p "$regressions"
        for crash in "$work/$format/crashes"/*; do
            [ -f "$crash" ] || continue
            cp "$crash" "$regressions/$(basename "$crash")"
            echo "fuzz: $format: saved $regressions/$(basename "$crash"); its bytes, in base64 (for a CI log):" >&2
            head -c 65536 "$crash" | base64 -w 0 >&2
            echo >&2
        done
        failed+=("$format")
    fi
done
echo "fuzz: ${#formats[@]} formats in $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAIL: crashes in ${failed[*]}" >&2
    exit 1
fi
