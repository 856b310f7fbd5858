#!/usr/bin/env bash
# Runs Latent's parsers, built with the package's release settings, on every seed (Fuzz/Corpus/FORMAT/) and every
# saved crash input (Fuzz/Regressions/FORMAT/): each file must be read or refused with an error, never end the
# process with a signal. Release builds are where a wrapped size computation once went unnoticed (issue 14).
# Usage: Scripts/check_parsers_release.sh      Environment: PARSE_BUILD_PATH (default Fuzz/.build/release-check).
set -euo pipefail
cd "$(dirname "$0")/.."

build_path="${PARSE_BUILD_PATH:-Fuzz/.build/release-check}"
start=$(date +%s)
swift build --package-path Fuzz --scratch-path "$build_path" -c release --product latent-parse
parse="$(swift build --package-path Fuzz --scratch-path "$build_path" -c release --show-bin-path)/latent-parse"
echo "release parsers: built latent-parse in $(( $(date +%s) - start )) s"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
for folder in Fuzz/Corpus/* Fuzz/Regressions/*; do
    [ -d "$folder" ] || continue
    format="$(basename "$folder")"
    mapfile -t files < <(find "$folder" -type f ! -name '.*' | sort)
    [ ${#files[@]} -gt 0 ] || continue
    if "$parse" "$format" "${files[@]}" >"$log" 2>&1; then
        echo "release parsers: $folder: $(grep -c ': ok$' "$log") read, $(grep -c ': refused: ' "$log") refused"
    else
        code=$?
        echo "FAIL: latent-parse $format on $folder ended with status $code$([ $code -gt 128 ] && echo " (signal $((code - 128)))"):" >&2
        tail -20 "$log" >&2
        status=1
    fi
done
exit $status
