"""Fixtures for the end-to-end tests of `guifan server` with pytest-lsp.

The client is pytest-lsp's own (pygls), started against the binary named by
$GUIFAN_BIN (run.sh sets it). Each test gets a fresh server and a fresh
workspace folder; the client records every notification it receives, so a
test can wait for the diagnostics of one document version.
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import subprocess
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

BIN = os.environ.get("GUIFAN_BIN", "")
ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "fixtures" / "examples" / "meeting-report.txt").read_text("utf-8")

ENCODINGS = {
    "utf-8": types.PositionEncodingKind.Utf8,
    "utf-16": types.PositionEncodingKind.Utf16,
    "utf-32": types.PositionEncodingKind.Utf32,
}


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every notification in order."""
    client = make_test_lsp_client()
    client.received = []  # type: ignore[attr-defined]
    handle = client.protocol._handle_notification

    def record(method, params):
        client.received.append((method, params, time.monotonic()))  # type: ignore[attr-defined]
        return handle(method, params)

    client.protocol._handle_notification = record

    # The server registers its file watcher dynamically; an editor says yes.
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]
        return None

    return client


CONFIG = ClientServerConfig(server_command=[BIN, "server"], client_factory=recording_client)


def draft() -> str:
    """The example report with an astral character before findings and
    CRLF on every other line."""
    lines = EXAMPLE.splitlines()
    lines.insert(3, "𠮷𠮷同学说,他们(三人)到场了.")
    return "".join(line + ("\r\n" if i % 2 == 0 else "\n") for i, line in enumerate(lines))


def units(s: str, enc: str) -> int:
    if enc == "utf-8":
        return len(s.encode("utf-8"))
    if enc == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def position(text: str, byte_offset: int, enc: str) -> types.Position:
    before = text.encode("utf-8")[:byte_offset].decode("utf-8")
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return types.Position(line=line, character=units(before[start:], enc))


def offset(text: str, pos: types.Position, enc: str) -> int:
    """Character (str) index of an LSP position."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    count = 0
    i = start
    while i < len(text) and text[i] not in "\r\n" and count < pos.character:
        count += units(text[i], enc)
        i += 1
    return i


def apply(text: str, edits, enc: str) -> str:
    spans = sorted(
        ((offset(text, e.range.start, enc), offset(text, e.range.end, enc), e.new_text) for e in edits),
        reverse=True,
    )
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


def cli(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BIN, *args], cwd=cwd, capture_output=True, check=False)


def expected(cwd: pathlib.Path, name: str, text: str, enc: str) -> list[tuple]:
    """What `guifan check --format json` reports, as comparable tuples."""
    (cwd / name).write_bytes(text.encode("utf-8"))
    report = json.loads(cli(cwd, "check", "--format", "json", name).stdout)
    sev = {"error": 1, "warning": 2, "info": 3}
    out = []
    for d in report["diagnostics"]:
        s, e = position(text, d["start"], enc), position(text, d["end"], enc)
        out.append((s.line, s.character, e.line, e.character, sev[d["severity"]], d["rule"], d["message"]))
    return sorted(out)


def as_tuples(diagnostics) -> list[tuple]:
    out = []
    for d in diagnostics:
        assert d.source == "guifan"
        r = d.range
        out.append(
            (r.start.line, r.start.character, r.end.line, r.end.character, d.severity.value, d.code, d.message)
        )
    return sorted(out)


def published(client, uri: str) -> list:
    return [p for (m, p, _) in client.received if m == "textDocument/publishDiagnostics" and p.uri == uri]


async def wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        await asyncio.sleep(0.005)
    raise AssertionError("timed out")


async def diagnostics(client, uri: str, version: int | None):
    """The first diagnostics published for `uri` at `version` (any version if None)."""

    def find():
        for p in published(client, uri):
            if version is None or p.version == version:
                return p
        return None

    return (await wait_for(find)).diagnostics


def capabilities(enc: str | None, base: str = "visual-studio-code") -> types.ClientCapabilities:
    caps = client_capabilities(base)
    if enc is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=[ENCODINGS[enc]])
    if caps.workspace is None:
        caps.workspace = types.WorkspaceClientCapabilities()
    caps.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=True
    )
    return caps


class Session:
    """A started, initialized server and its workspace folder."""

    def __init__(self, client: LanguageClient, folder: pathlib.Path, enc: str, result):
        self.client = client
        self.folder = folder
        self.enc = enc
        self.result = result

    def open(self, name: str, language: str, text: str, version: int = 1) -> str:
        path = self.folder / name
        path.write_bytes(text.encode("utf-8"))
        uri = path.as_uri()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
            )
        )
        return uri


async def start(client: LanguageClient, folder: pathlib.Path, enc: str | None, options=None) -> Session:
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(enc),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="ws")],
            root_uri=folder.as_uri(),
            initialization_options=options,
        )
    )
    negotiated = result.capabilities.position_encoding
    return Session(client, folder, str(negotiated.value if hasattr(negotiated, "value") else negotiated), result)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    yield
    if lsp_client._server is not None and lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path
