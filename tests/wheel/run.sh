#!/usr/bin/env bash
# The Python wheel that carries the guifan binary, end to end:
#
#   1. builds it with maturin (pinned, from PyPI, into target/wheel-venv)
#      into target/wheels/ and prints the build time and the wheel's size;
#   2. installs it into a fresh venv with no index (no Rust toolchain
#      involved) and prints the seconds from `python3 -m venv` to a working
#      `guifan --version`; runs `guifan check fixtures/examples/` (exit 1,
#      findings);
#   3. runs the hooks of .pre-commit-hooks.yaml on a scratch content
#      repository, from a snapshot of this work tree (as `pre-commit
#      try-repo` does, but built once; pre-commit pinned, from PyPI): the
#      hook fails on a draft with errors, `guifan fix` fixes it, the hook
#      passes;
#   4. does the same with a `repo: local` hook that installs the wheel
#      (`additional_dependencies: [guifan]`), the set-up for machines
#      without a Rust toolchain.
#
# pre-commit installs its hook environments with pip; here pip never uses
# the network: PIP_NO_INDEX=1 and PIP_FIND_LINKS point at target/wheels and
# at target/wheel-deps (maturin, setuptools and wheel, downloaded once). A
# `language: python` hook repository is installed from source (`pip install
# .`), so pre-commit builds guifan with maturin; it shares this repository's
# target/ (CARGO_TARGET_DIR) and builds offline (guifan itself is compiled
# again there: cargo keys a path package's build by its folder).
#
# The release build here is without LTO (CARGO_PROFILE_RELEASE_LTO=false,
# as in .ci/run's release steps, whose build it reuses): with
# [profile.release]'s thin LTO every dependency is rebuilt. Set
# CARGO_PROFILE_RELEASE_LTO=thin to build the wheel as released.
#
# Usage: tests/wheel/run.sh   (needs python3, git, cargo; PyPI for the pinned tools)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD

MATURIN_VERSION=1.16.0
PRE_COMMIT_VERSION=4.7.0
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-false}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$1"; }
fail() {
    printf 'FAIL: %s\n' "$1" >&2
    exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

started=$(now)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step "maturin $MATURIN_VERSION (target/wheel-venv)"
tools="$root/target/wheel-venv"
if [[ "$("$tools/bin/maturin" --version 2>/dev/null)" != "maturin $MATURIN_VERSION" ]]; then
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi
"$tools/bin/maturin" --version

step "build the wheel (maturin build --release --locked; LTO: $CARGO_PROFILE_RELEASE_LTO)"
rm -rf target/wheels
t=$(now)
"$tools/bin/maturin" build --release --locked --out target/wheels
printf 'wheel built in %ss\n' "$(elapsed "$t")"
wheels=(target/wheels/guifan-*.whl)
[[ ${#wheels[@]} -eq 1 && -f "${wheels[0]}" ]] || fail "expected one wheel in target/wheels"
wheel="${wheels[0]}"
printf 'wheel: %s, %s bytes\n' "$wheel" "$(wc -c <"$wheel")"

step "install the wheel into a fresh venv (no index)"
t=$(now)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index --find-links target/wheels guifan
version="$("$work/venv/bin/guifan" --version)"
printf '%s: %ss from a clean venv to a working guifan\n' "$version" "$(elapsed "$t")"
export PATH="$work/venv/bin:$PATH"
[[ "$(command -v guifan)" == "$work/venv/bin/guifan" ]] || fail "guifan is not the venv's"

step "guifan check fixtures/examples/ (expects exit 1 and findings)"
set +e
out="$(NO_COLOR=1 guifan check fixtures/examples/ 2>&1)"
code=$?
set -e
printf '%s\n' "$out" | tail -n 3
[[ $code -eq 1 ]] || fail "guifan check exited with $code, expected 1"
[[ "$out" == *"punctuation/halfwidth-in-cjk"* ]] || fail "no punctuation/halfwidth-in-cjk finding"

step "pre-commit $PRE_COMMIT_VERSION and offline dependencies for its hook environments"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
deps="$root/target/wheel-deps"
"$work/venv/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
    --dest "$deps" "maturin==$MATURIN_VERSION" setuptools wheel
export PRE_COMMIT_HOME="$work/pre-commit-home"
export PIP_NO_INDEX=1
export PIP_FIND_LINKS="$root/target/wheels $deps"
export CARGO_TARGET_DIR="$root/target"
export CARGO_NET_OFFLINE=true
export MATURIN_PEP517_ARGS="--locked"

# A content repository with a draft that has safe-fixable errors.
content="$work/content"
mkdir -p "$content"
draft='会议指出,要深入学习贯彻党的二十大精神.
李明强调:要抓好落实!
'
printf '%s' "$draft" >"$content/draft.md"
printf '# 说明\n\n本仓库存放新闻稿件。\n' >"$content/README.md"
git -C "$content" init --quiet
git -C "$content" add draft.md README.md

# hook_run EXPECTED LABEL COMMAND...: run a pre-commit command in the content
# repository; it must exit with EXPECTED (0 passes, 1 fails).
hook_run() {
    local expected="$1" label="$2"
    shift 2
    local t code
    t=$(now)
    set +e
    out="$(cd "$content" && NO_COLOR=1 "$@" 2>&1)"
    code=$?
    set -e
    printf '%s\n' "$out" | grep -E 'guifan|Passed|Failed|检查了' | head -n 12
    printf '(%s: exit %d in %ss)\n' "$label" "$code" "$(elapsed "$t")"
    [[ $code -eq $expected ]] || fail "$label exited with $code, expected $expected"
}

step "pre-commit with the hooks of .pre-commit-hooks.yaml, built from this repository's work tree"
# What `pre-commit try-repo` does, but with a hook repository of our own: a
# snapshot of the work tree (tracked files with their uncommitted changes,
# from `git stash create`, which touches neither the tree nor the index)
# committed into a scratch repository. Its rev stays the same for both runs,
# so pre-commit builds the hook environment (guifan, with maturin) once;
# try-repo makes a new repository per call and built it twice.
hookrepo="$work/hook-repo"
snapshot="$(git -C "$root" stash create 2>/dev/null || true)"
mkdir -p "$hookrepo"
git -C "$root" archive "${snapshot:-HEAD}" | tar -x -C "$hookrepo"
git -C "$hookrepo" init --quiet
git -C "$hookrepo" add -A
git -C "$hookrepo" -c user.name=guifan -c user.email=ci@localhost commit --quiet -m snapshot
hookrev="$(git -C "$hookrepo" rev-parse HEAD)"
cat >"$content/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hookrepo
    rev: $hookrev
    hooks:
      - id: guifan-check
YAML
git -C "$content" add .pre-commit-config.yaml
hook_run 1 "hook on the draft (builds the hook environment)" "$work/venv/bin/pre-commit" run guifan-check --all-files
[[ "$out" == *"punctuation/halfwidth-in-cjk"* ]] || fail "hook: no guifan finding in the output"
(cd "$content" && guifan fix draft.md)
[[ "$(cat "$content/draft.md")" != "$draft" ]] || fail "guifan fix changed nothing"
hook_run 0 "hook after guifan fix" "$work/venv/bin/pre-commit" run guifan-check --all-files

step "pre-commit run with a repo: local hook that installs the wheel"
printf '%s' "$draft" >"$content/draft.md"
cat >"$content/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: local
    hooks:
      - id: guifan-check
        name: guifan check
        entry: guifan check
        language: python
        additional_dependencies: [guifan]
        types_or: [markdown, html, text]
        files: '(?i)\.(txt|text|md|markdown|mdown|mkd|html?|xhtml)$'
        require_serial: true
YAML
git -C "$content" add .pre-commit-config.yaml
hook_run 1 "local hook on the draft" "$work/venv/bin/pre-commit" run guifan-check --all-files
[[ "$out" == *"punctuation/halfwidth-in-cjk"* ]] || fail "local hook: no guifan finding in the output"
(cd "$content" && guifan fix draft.md)
hook_run 0 "local hook after guifan fix" "$work/venv/bin/pre-commit" run guifan-check --all-files

step "done"
printf 'wheel %s: %s bytes\n' "$wheel" "$(wc -c <"$wheel")"
printf 'tests/wheel/run.sh: %ss in all\n' "$(elapsed "$started")"
