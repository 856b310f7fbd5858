#!/usr/bin/env bash
# Opens a report written by `RunReport.write(run:)` in headless Chromium and checks that it shows completely:
#   - it references nothing outside the file (every src is a data: URI, no <link>, no url(...));
#   - Chromium exits 0 when dumping the DOM and when taking a screenshot;
#   - the console shows no message at all (JavaScript errors, failed loads and undecoded images are logged there
#     by the report's own script) and the browser logs no network error;
#   - every <img> is decoded: the report's script writes data-images-loaded="DECODED/ALL" on <body>;
#   - nothing was fetched: data-external-resources="0";
#   - the screenshot is not blank: its PNG is several times larger than that of an empty page of the same size.
# Usage: Scripts/check_report_chromium.sh RUN/report.html
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 REPORT.html (an existing file)" >&2
    exit 2
fi
report="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "FAIL: chromium is not on PATH" >&2
    exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Everything the page needs must be inside it.
if grep -qiE '<link[ >]' "$report"; then fail "the report has a <link> element"; fi
outside="$(grep -oiE '(src|href)="[^"]*"' "$report" | grep -viE '^(src|href)="(data:|#)' || true)"
if [ -n "$outside" ]; then fail "the report refers to other files: $(echo "$outside" | head -3 | tr '\n' ' ')"; fi
if grep -qiE 'url\( *["'"'"']?[^d"'"'"' ]' "$report"; then fail "the report's CSS loads a url(...)"; fi

# Runs Chromium on the report with the given extra arguments; stdout to $1, stderr to $2.
run_browser() {
    local out="$1" err="$2"
    shift 2
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=10000 \
        --window-size=1280,2400 "$@" >"$out" 2>"$err"
}

run_browser "$work/dom.html" "$work/dom.log" --dump-dom "file://$report" ||
    fail "chromium --dump-dom exited with status $?"
run_browser "$work/shot.out" "$work/shot.log" --screenshot="$work/report.png" "file://$report" ||
    fail "chromium --screenshot exited with status $?"
run_browser "$work/blank.out" "$work/blank.log" --screenshot="$work/blank.png" "data:text/html,<body></body>" ||
    fail "chromium could not take a screenshot of an empty page (status $?)"

# Console messages (the report logs none unless something failed) and network errors.
problems="$(grep -hE 'CONSOLE|net::ERR_|Uncaught' "$work/dom.log" "$work/shot.log" || true)"
if [ -n "$problems" ]; then fail "the browser logged: $problems"; fi

body="$(grep -oE '<body[^>]*>' "$work/dom.html" | head -1 || true)"
loaded="$(sed -nE 's/.*data-images-loaded="([0-9]+)\/([0-9]+)".*/\1 \2/p' <<<"$body")"
if [ -z "$loaded" ]; then
    fail "the page did not record its images (no data-images-loaded on <body>: the script did not run)"
else
    read -r decoded total <<<"$loaded"
    if [ "$decoded" != "$total" ]; then fail "only $decoded of $total images were decoded"; fi
    echo "images decoded: $decoded/$total"
fi
fetched="$(sed -nE 's/.*data-external-resources="([0-9]+)".*/\1/p' <<<"$body")"
if [ "$fetched" != "0" ]; then fail "the page fetched ${fetched:-an unknown number of} resources"; fi

if [ ! -s "$work/report.png" ] || [ ! -s "$work/blank.png" ]; then
    fail "no screenshot was written"
else
    shot=$(stat -c %s "$work/report.png")
    blank=$(stat -c %s "$work/blank.png")
    echo "screenshot: $shot bytes (an empty page: $blank bytes)"
    if [ "$shot" -lt $((3 * blank)) ]; then fail "the screenshot looks blank ($shot bytes, an empty page $blank)"; fi
fi

if [ "$failures" -gt 0 ]; then
    echo "report check failed: $report ($failures problems)" >&2
    exit 1
fi
echo "report check passed: $report"
