#!/usr/bin/env bash
# End-to-end tests of the `guifan serve` page in headless Chromium.
#
#   tests/web/run.sh [GUIFAN]     GUIFAN: the binary (default $GUIFAN_BIN,
#                                 else target/release/guifan)
#
# Needs node (>= 18) and Debian's chromium (apt-get install chromium), and a
# Chinese font for legible screenshots (apt-get install fonts-noto-cjk);
# CHROMIUM overrides its path. Installs playwright-core from the lock file
# into tests/web/node_modules when missing (never downloads a browser).
# Starts `guifan serve --port 0` on loopback, runs page.test.mjs with
# node's test runner, stops the server. Screenshots of the main states go to
# target/web-screenshots/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${GUIFAN_BIN:-$root/target/release/guifan}}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "run.sh: no guifan binary at $bin (build it: cargo build --release)" >&2
  exit 2
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "run.sh: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
  exit 2
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A small body limit, so that the refusal of an over-limit draft is tested
# with a draft of reasonable size.
(cd "$work" && exec "$bin" serve --host 127.0.0.1 --port 0 --no-config --max-body 64KB) \
  >"$work/out" 2>"$work/log" &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[^ ]*' "$work/out" 2>/dev/null | head -n1 || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: guifan serve did not start:" >&2
    cat "$work/log" >&2
    exit 2
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "run.sh: guifan serve printed no address" >&2
  exit 2
fi

status=0
GUIFAN_URL="${url%/}" GUIFAN_BIN="$bin" CHROMIUM="$chromium" \
  SCREENSHOTS="${SCREENSHOTS:-$root/target/web-screenshots}" \
  node --test --test-concurrency=1 "$here/page.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- guifan serve log ---" >&2
  tail -n 50 "$work/log" >&2
fi
exit "$status"
