#!/usr/bin/env bash
# End-to-end test of the audit page (`guifan report`) in headless Chromium.
#
#   tests/web/report.sh [GUIFAN]    GUIFAN: the binary (default $GUIFAN_BIN,
#                                   else target/release/guifan)
#
# Builds an archive of one folder per site from the saved web pages of
# ../shared/corpus/web-pages-html (GUIFAN_SHARED overrides ../shared; the
# corpus is required), checks it with `guifan check --format json
# --show-date`, writes the page with `guifan report --text-root`, and runs
# report.test.mjs on it with node's test runner (playwright-core from the
# lock file, Debian's chromium; never a browser download). Screenshots go to
# target/web-screenshots/report-*.png.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${GUIFAN_BIN:-$root/target/release/guifan}}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "report.sh: no guifan binary at $bin (build it: cargo build --release)" >&2
  exit 2
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "report.sh: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
  exit 2
fi
pages="${GUIFAN_SHARED:-$root/../shared}/corpus/web-pages-html"
if [ ! -d "$pages" ]; then
  echo "report.sh: no corpus at $pages: this test needs the shared/ folder beside the repository (or GUIFAN_SHARED)" >&2
  exit 2
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One folder per site: the pages are named <site>-<n>.html.
for f in "$pages"/*.html; do
  name="$(basename "$f")"
  mkdir -p "$work/sites/${name%%-*}"
  cp "$f" "$work/sites/${name%%-*}/$name"
done
status=0
(cd "$work/sites" && "$bin" check --no-config --format json --show-date . >"$work/findings.json") || status=$?
if [ "$status" -ne 1 ]; then
  echo "report.sh: guifan check exited $status (1 expected: the pages have findings)" >&2
  exit 2
fi
"$bin" report "$work/findings.json" -o "$work/report.html" --text-root "$work/sites" \
  --csv "$work/pages.csv" --title "网页存档规范审计（测试）"

REPORT="$work/report.html" PAGES_CSV="$work/pages.csv" CHROMIUM="$chromium" \
  SCREENSHOTS="${SCREENSHOTS:-$root/target/web-screenshots}" \
  node --test --test-concurrency=1 "$here/report.test.mjs"
