#!/usr/bin/env bash
# Bounded fuzzing run for CI (and for anyone who wants one):
#
#   fuzz/ci.sh                       # every target, FUZZ_SECONDS each (60)
#   FUZZ_SECONDS=600 fuzz/ci.sh      # longer
#   FUZZ_TARGETS="pipeline" fuzz/ci.sh
#
# Needs a nightly toolchain (cargo-fuzz builds with -Zsanitizer); without one
# it says so and exits 0. Installs cargo-fuzz when missing, seeds the corpora
# from the fixtures (fuzz/seed.sh), builds every target once, then runs each
# for a bounded time. The known reproducers in fuzz/regressions/<target>/
# run first, so a fixed bug stays fixed. Any crash, panic, timeout or
# out-of-memory fails the run (exit 1) after every target has had its turn;
# one summary line per target gives the executions and libFuzzer's final
# coverage (`cov:` edges, `ft:` features). Logs: fuzz/logs/<target>.log;
# crashing inputs: fuzz/artifacts/<target>/.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

seconds="${FUZZ_SECONDS:-60}"
nice_level="${FUZZ_NICE:-10}"
all_targets=(reader_plain reader_markdown reader_html reader_docx ruleset config pipeline)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"

echo "==> fuzz: ${#targets[@]} targets, ${seconds}s each"

if ! command -v rustup >/dev/null 2>&1 || ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: skipped: no nightly toolchain (cargo-fuzz needs one: rustup toolchain install nightly)"
    exit 0
fi
echo "fuzz: $(rustup run nightly rustc --version)"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    if ! cargo install cargo-fuzz --locked; then
        echo "fuzz: FAILED: could not install cargo-fuzz"
        exit 1
    fi
fi
echo "fuzz: $(cargo fuzz --version)"

"$here/seed.sh" || { echo "fuzz: FAILED: seeding"; exit 1; }

# -a: debug assertions and overflow checks on (Span::new checks its order).
build_flags=(-a)
echo "==> fuzz: building all targets"
if ! nice -n "$nice_level" cargo +nightly fuzz build "${build_flags[@]}"; then
    echo "fuzz: FAILED: build"
    exit 1
fi

mkdir -p "$here/logs"
failed=()
summary=()
for t in "${targets[@]}"; do
    echo "==> fuzz: $t (${seconds}s)"
    log="$here/logs/$t.log"
    dirs=("$here/corpus/$t")
    if [[ -d "$here/regressions/$t" ]]; then
        dirs+=("$here/regressions/$t")
    fi
    extra=()
    case "$t" in
        ruleset | config) extra+=(-dict="$here/dicts/toml.dict") ;;
    esac
    start=$SECONDS
    nice -n "$nice_level" cargo +nightly fuzz run "${build_flags[@]}" "$t" "${dirs[@]}" -- \
        -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
        -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
    rc=$?
    elapsed=$((SECONDS - start))
    execs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')"
    status_line="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)"
    cov="$(grep -o 'cov: [0-9]*' <<<"$status_line" | grep -o '[0-9]*')"
    ft="$(grep -o 'ft: [0-9]*' <<<"$status_line" | grep -o '[0-9]*')"
    corpus_n="$(find "$here/corpus/$t" -type f | wc -l)"
    if [[ $rc -eq 0 ]]; then
        result=ok
    else
        result="FAILED (exit $rc)"
        failed+=("$t")
        echo "--- last lines of $log:"
        tail -n 40 "$log"
        grep -E 'Test unit written to|artifact_prefix' "$log" | tail -3
    fi
    line="$(printf 'fuzz: %-16s %-16s %5ss  execs: %-9s cov: %-6s ft: %-6s corpus: %s' \
        "$t" "$result" "$elapsed" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$corpus_n")"
    echo "$line"
    summary+=("$line")
done

echo "==> fuzz: summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: FAILED: ${failed[*]} (crashing inputs in fuzz/artifacts/<target>/; replay one with: cargo +nightly fuzz run -a <target> <file>)"
    exit 1
fi
echo "fuzz: all ${#targets[@]} targets passed"
