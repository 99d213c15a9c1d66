#!/usr/bin/env bash
# Load test of `guifan serve` with wrk, on loopback only, bounded in time and
# count. CI runs it with LOAD_SECONDS=15; the latencies it prints measure
# this machine (see README).
#
#   tests/web/load.sh [GUIFAN]    GUIFAN: the binary (default $GUIFAN_BIN,
#                                 else target/release/guifan)
#
# 1. steady: 16 connections POST a 20 KB draft to /api/v1/check for 30 s
#    (LOAD_SECONDS); prints p50/p99 latency and requests per second.
# 2. mixed: 10,000 requests (LOAD_REQUESTS) cycling through drafts of 1 KB,
#    20 KB and 100 KB, /fix, GET /api/v1/rules and /healthz, and invalid
#    requests (broken JSON, wrong content type, unknown rule, over the body
#    limit); prints the statuses per kind of request.
# RSS of the server before, between and after. Fails when a valid request
# got a 5xx or a socket error, an invalid one was not refused with 4xx, or
# the second mixed round grew the RSS by more than a fifth.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${GUIFAN_BIN:-$root/target/release/guifan}}"
seconds="${LOAD_SECONDS:-30}"
total="${LOAD_REQUESTS:-10000}"
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
command -v node >/dev/null || { echo "load.sh: node is missing" >&2; exit 2; }
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
[ -x "$bin" ] || { echo "load.sh: no guifan binary at $bin" >&2; exit 2; }

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

# Request bodies from the repository's own example draft.
LOAD_DIR="$work" ROOT="$root" node - <<'JS'
const fs = require("fs");
const path = require("path");
const dir = process.env.LOAD_DIR;
const draft = fs.readFileSync(path.join(process.env.ROOT, "fixtures/examples/meeting-report.txt"), "utf8");
const body = draft.split("\n").slice(3).join("\n"); // without the page header
const sized = (bytes) => {
  let s = draft;
  while (Buffer.byteLength(s) < bytes) s += body;
  return s;
};
const write = (name, obj) => fs.writeFileSync(path.join(dir, name), JSON.stringify(obj));
write("draft-1k.json", { text: draft, format: "plain" });
write("draft-20k.json", { text: sized(20000), format: "plain" });
write("draft-100k.json", { text: sized(100000), format: "plain" });
write("unknown-rule.json", { text: draft, select: ["punctuation/halfwidth-in-cjc"] });
write("too-large.json", { text: sized(1100000) });
JS

(cd "$work" && exec "$bin" serve --host 127.0.0.1 --port 0 --no-config --max-body 1MB) \
  >"$work/out" 2>"$work/log" &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[^ ]*' "$work/out" 2>/dev/null | head -n1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "load.sh: the server did not start" >&2; cat "$work/log" >&2; exit 2; }
url="${url%/}"
rss() { awk '/^VmRSS/ { print $2 " kB" }' "/proc/$server/status"; }

# Warm up (first check loads the word segmenter), then measure.
curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/draft-20k.json" "$url/api/v1/check"
echo "RSS at start (after one check): $(rss)"

echo "== steady: 16 connections, 20 KB draft, ${seconds}s"
LOAD_DIR="$work" LOAD_KIND=check-20k wrk -t2 -c16 -d"${seconds}s" --timeout 10s --latency \
  -s "$here/load.lua" "$url/api/v1/check" | tee "$work/steady.txt"
echo "RSS after steady: $(rss)"

# kind:share of the total (percent); one wrk per kind, 2 connections each,
# all at once.
kinds="check-1k:25 check-20k:20 check-100k:5 fix-20k:10 rules:5 healthz:5 bad-json:10 wrong-type:8 unknown-rule:8 too-large:4"
mixed() {
  local round=$1 pids=() entry kind n
  for entry in $kinds; do
    kind="${entry%%:*}"
    n=$(( total * ${entry##*:} / 100 ))
    LOAD_DIR="$work" LOAD_KIND="$kind" LOAD_REQUESTS_PER_THREAD="$n" \
      wrk -t1 -c2 -d60s --timeout 10s -s "$here/load.lua" "$url/" >"$work/mixed$round-$kind.txt" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
}
# Two rounds: the first brings the allocator to its working size, the
# second shows whether memory keeps growing.
for round in 1 2; do
  echo "== mixed, round $round: ${total} requests of several sizes, valid and invalid, all at once"
  mixed "$round"
  grep -h '^LOAD' "$work"/mixed"$round"-*.txt
  rss_kb[$round]="$(awk '/^VmRSS/ { print $2 }' "/proc/$server/status")"
  echo "RSS after mixed round $round: ${rss_kb[$round]} kB"
done

status=0
if ! grep -q 'errors_connect=0 errors_read=0 errors_timeout=0 non2xx=0' "$work/steady.txt"; then
  echo "FAIL: the steady run had errors or non-2xx answers" >&2
  status=1
fi
statuses="$(grep -h '^LOAD statuses' "$work"/mixed*-*.txt)"
# Valid kinds must answer 200, invalid ones 4xx; nothing may be 5xx.
if grep -Eq '\[(check|fix|rules|healthz)[^ ]* [^2][0-9][0-9]\]' <<<"$statuses"; then
  echo "FAIL: a valid request was not answered 200" >&2
  status=1
fi
if grep -Eq '\[(bad-json|wrong-type|unknown-rule|too-large) [^4][0-9][0-9]\]' <<<"$statuses"; then
  echo "FAIL: an invalid request was not refused with 4xx" >&2
  status=1
fi
# Socket errors are allowed only where the server refuses to read a body
# over the limit (it answers 413 and closes while the client still writes).
for f in "$work"/mixed*-*.txt; do
  case "$f" in *too-large*) continue ;; esac
  if ! grep -q 'errors_connect=0 errors_read=0 errors_timeout=0' "$f"; then
    echo "FAIL: socket errors in $(basename "$f")" >&2
    status=1
  fi
done
for round in 1 2; do
  answered="$(grep -h '^LOAD kind' "$work"/mixed"$round"-*.txt | sed -n 's/.* requests=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')"
  echo "mixed round $round: $answered responses"
  if [ "$answered" -lt "$total" ]; then
    echo "FAIL: round $round answered fewer than $total requests within its time" >&2
    status=1
  fi
done
# Flat: the second round may not add more than a fifth to the first's RSS.
if [ "${rss_kb[2]}" -gt $(( ${rss_kb[1]} * 6 / 5 )) ]; then
  echo "FAIL: RSS grew from ${rss_kb[1]} kB to ${rss_kb[2]} kB over the second round" >&2
  status=1
fi
echo "5xx in the server's access log: $(grep -Ec ' 5[0-9][0-9] [0-9-]+ [0-9.]+ms$' "$work/log" || true)"
[ "$status" -eq 0 ] && echo "load.sh: ok"
exit "$status"
