#!/usr/bin/env bash
# End-to-end tests of `guifan server` with pytest-lsp, a real LSP client.
#
#   tests/lsp_client/run.sh [GUIFAN_BINARY] [pytest arguments…]
#
# The binary is the first argument, else $GUIFAN_BIN, else
# target/release/guifan. A virtualenv is made once under target/lsp-venv
# (reused afterwards) with the pinned requirements. Exits non-zero when a
# test fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bin="${GUIFAN_BIN:-$root/target/release/guifan}"
if [[ $# -gt 0 && "$1" != -* ]]; then
    bin="$1"
    shift
fi
case "$bin" in
    /*) ;;
    *) bin="$PWD/$bin" ;;
esac
if [[ ! -x "$bin" ]]; then
    printf 'error: no guifan binary at %s (build it with cargo build --release, or pass its path)\n' "$bin" >&2
    exit 2
fi

venv="$root/target/lsp-venv"
stamp="$venv/.requirements"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$stamp"
fi

export GUIFAN_BIN="$bin"
cd "$here"
exec "$venv/bin/python" -m pytest -p no:cacheprovider "$@"
