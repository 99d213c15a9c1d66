#!/usr/bin/env bash
# The Python bindings (python/, the `guifan-py` wheel) and the Spark job, end to end:
#
#   1. a venv at target/py-venv with tests/python/requirements.txt (maturin,
#      pytest, pyspark, pandas, pyarrow; pinned, from PyPI; made again only
#      when the requirements change);
#   2. the wheel built with maturin in release (into target/py-wheels), and
#      installed into that venv;
#   3. pytest python/tests: the bindings against the CLI's JSON on the
#      fixtures and the seeds (../shared/corpus/seeds, skipped visibly when
#      absent), fixes, errors, pickling, threads; the Spark job in local[2]
#      on a generated archive of GUIFAN_SPARK_DOCS (100,000) documents in 100
#      groups against `guifan check --extend-select boilerplate/corpus-repeated`.
#
# The CLI compared with is GUIFAN_BIN, else target/release/guifan (built when
# missing). Spark needs Java (17): Debian's openjdk-17-jre-headless is
# installed when `java` is missing and this runs as root.
#
# The release build is without LTO (CARGO_PROFILE_RELEASE_LTO=false, as in
# .ci/run's release steps): the extension module is a cdylib over the
# library without its CLI features, so its own crates compile once; the
# shared dependencies come from the release build before it.
#
# Usage: tests/python/run.sh [PYTEST ARGS...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-false}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$1"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

venv="$root/target/py-venv"
requirements=tests/python/requirements.txt
step "python tools (target/py-venv, $requirements)"
if ! cmp -s "$requirements" "$venv/requirements.txt" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements.txt"
fi
"$venv/bin/python" --version

if ! command -v java >/dev/null 2>&1 && [[ -z "${JAVA_HOME:-}" && $(id -u) -eq 0 ]]; then
    step "Java for Spark (Debian's openjdk-17-jre-headless)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

step "build the bindings (maturin build --release --locked; LTO: $CARGO_PROFILE_RELEASE_LTO)"
rm -rf target/py-wheels
t=$(now)
(cd python && "$venv/bin/maturin" build --release --locked --out "$root/target/py-wheels")
wheel=$(ls target/py-wheels/guifan_py-*.whl)
printf 'built in %ss: %s, %s bytes\n' "$(elapsed "$t")" "$wheel" "$(wc -c <"$wheel")"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"

export GUIFAN_BIN="${GUIFAN_BIN:-$root/target/release/guifan}"
if [[ ! -x "$GUIFAN_BIN" ]]; then
    step "the CLI to compare with (cargo build --release --locked)"
    cargo build --release --locked
fi

step "pytest python/tests (CLI: $GUIFAN_BIN)"
t=$(now)
# From the repository root: python/ is not on sys.path, so `import guifan`
# is the installed wheel, not the sources beside it.
"$venv/bin/python" -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning python/tests "$@"
printf 'tests ran in %ss\n' "$(elapsed "$t")"
