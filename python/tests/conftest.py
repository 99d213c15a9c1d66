"""Shared helpers: the repository, the guifan binary to compare with, ../shared."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("GUIFAN_SHARED", ROOT.parent / "shared"))
# Every comparison pins the document date, so "today" never differs.
AS_OF = "2024-06-01"


def cli_binary() -> pathlib.Path:
    """GUIFAN_BIN, else the release build, else the debug build."""
    env = os.environ.get("GUIFAN_BIN")
    if env:
        return pathlib.Path(env).resolve()
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "guifan"
        if p.is_file():
            return p
    pytest.fail("no guifan binary: build it (cargo build) or set GUIFAN_BIN")


def cli_json(args, cwd=ROOT, stdin=None):
    """`guifan check --format json ARGS` (no config file) as parsed JSON."""
    out = subprocess.run(
        [str(cli_binary()), "check", "--no-config", "--format", "json", "--as-of", AS_OF, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return json.loads(out.stdout)


def cli_fail(args):
    """Run the CLI expecting exit 2; its stderr."""
    out = subprocess.run(
        [str(cli_binary()), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    return out.stderr


@pytest.fixture(scope="session")
def seeds():
    d = SHARED / "corpus" / "seeds"
    if not d.is_dir():
        pytest.skip(f"SKIPPED: no seeds at {d} (the shared/ folder beside the repository)")
    return sorted(d.glob("*.txt"))
