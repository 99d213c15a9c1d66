"""`guifan server` driven by pytest-lsp's client: what an editor sees."""

from __future__ import annotations

import asyncio
import time

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import (
    apply,
    as_tuples,
    cli,
    diagnostics,
    draft,
    expected,
    position,
    published,
    start,
    wait_for,
)


@pytest.mark.parametrize(
    ("offered", "negotiated"),
    [("utf-8", "utf-8"), ("utf-16", "utf-16"), ("utf-32", "utf-32"), (None, "utf-16")],
)
async def test_diagnostics_equal_the_cli(client, folder, offered, negotiated):
    s = await start(client, folder, offered)
    assert s.enc == negotiated
    text = draft()
    uri = s.open("draft.txt", "plaintext", text)
    got = await diagnostics(client, uri, 1)
    want = expected(folder, "draft.txt", text, s.enc)
    assert len(want) > 10
    assert as_tuples(got) == want
    assert any(d.range.start.line == 3 for d in got), "the line with 𠮷"
    await wait_for(lambda: client.registrations)
    assert client.registrations[0].method == "workspace/didChangeWatchedFiles"


@pytest.mark.parametrize("enc", ["utf-16", "utf-8", "utf-32"])
async def test_incremental_edits(client, folder, enc):
    s = await start(client, folder, enc, {"debounce-ms": 50})
    text = draft()
    uri = s.open("draft.txt", "plaintext", text)
    await diagnostics(client, uri, 1)
    # Two edits in one notification: the comma after 𠮷𠮷同学说, then a new first line.
    b = text.encode("utf-8")
    comma = b.index(",".encode(), b.index("𠮷".encode()))
    e1 = types.TextDocumentContentChangePartial(
        range=types.Range(start=position(text, comma, enc), end=position(text, comma + 1, enc)), text="，"
    )
    text = (b[:comma] + "，".encode() + b[comma + 1 :]).decode("utf-8")
    top = types.Position(line=0, character=0)
    e2 = types.TextDocumentContentChangePartial(range=types.Range(start=top, end=top), text="新的一行,有逗号\n")
    text = "新的一行,有逗号\n" + text
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2), content_changes=[e1, e2]
        )
    )
    got = await diagnostics(client, uri, 2)
    assert as_tuples(got) == expected(folder, "draft.txt", text, enc)
    # Close: cleared.
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    cleared = await wait_for(lambda: [p for p in published(client, uri) if len(p.diagnostics) == 0])
    assert cleared


async def test_code_actions_applied(client, folder):
    s = await start(client, folder, "utf-16")
    text = draft()
    uri = s.open("draft.txt", "plaintext", text)
    got = await diagnostics(client, uri, 1)
    target = next(d for d in got if d.code == "punctuation/halfwidth-in-cjk" and d.range.start.line == 3)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target]),
        )
    )
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    first = next(a for a in quick if a.diagnostics[0].code == "punctuation/halfwidth-in-cjk")
    assert first.title == "改为“，”"
    assert first.is_preferred is True
    fixed = apply(text, first.edit.changes[uri], s.enc)
    assert "𠮷𠮷同学说，他们" in fixed
    # The editor applies it and tells the server: that finding is gone.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    after = await diagnostics(client, uri, 2)
    assert target.range not in [d.range for d in after if d.code == target.code]
    assert as_tuples(after) == expected(folder, "draft.txt", fixed, s.enc)


async def test_fix_all_equals_guifan_fix(client, folder):
    s = await start(client, folder, "utf-8")
    text = draft()
    uri = s.open("draft.txt", "plaintext", text)
    await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.guifan"]
    fixed = apply(text, actions[0].edit.changes[uri], s.enc)
    (folder / "copy.txt").write_bytes(text.encode("utf-8"))
    cli(folder, "fix", "copy.txt")
    assert fixed == (folder / "copy.txt").read_bytes().decode("utf-8")
    assert fixed != text


async def test_disable_next_line_in_markdown(client, folder):
    s = await start(client, folder, "utf-16")
    text = "# 标题\n\n第一段没有问题。\n会议指出,要学习。\n"
    uri = s.open("note.md", "markdown", text)
    got = await diagnostics(client, uri, 1)
    target = next(d for d in got if d.code == "punctuation/halfwidth-in-cjk")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target], only=[types.CodeActionKind.QuickFix]),
        )
    )
    disable = next(a for a in actions if "guifan-disable-next-line" in a.title)
    new = apply(text, disable.edit.changes[uri], s.enc)
    assert "<!-- guifan-disable-next-line punctuation/halfwidth-in-cjk -->\n会议指出," in new
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new)],
        )
    )
    after = await diagnostics(client, uri, 2)
    assert not [d for d in after if d.code == "punctuation/halfwidth-in-cjk"]


async def test_hover_shows_explain(client, folder):
    s = await start(client, folder, None)
    text = draft()
    uri = s.open("draft.txt", "plaintext", text)
    got = await diagnostics(client, uri, 1)
    target = next(d for d in got if d.code == "punctuation/halfwidth-in-cjk")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=target.range.start)
    )
    explain = cli(folder, "explain", "punctuation/halfwidth-in-cjk").stdout.decode("utf-8")
    assert hover.contents.value == explain
    assert hover.range == target.range


async def test_broken_config_mid_session(client, folder):
    (folder / "guifan.toml").write_text('ignore = ["punctuation/halfwidth-in-cjk"]\n', "utf-8")
    s = await start(client, folder, "utf-16")
    text = "会议指出,要学习(扩大)。2024年3月5号召开。\n"
    uri = s.open("doc.txt", "plaintext", text)
    good = await diagnostics(client, uri, 1)
    assert as_tuples(good) == expected(folder, "doc.txt", text, s.enc)
    assert not [d for d in good if d.code == "punctuation/halfwidth-in-cjk"]
    before = len(published(client, uri))

    config = folder / "guifan.toml"
    config.write_text('select = ["punctuation/no-such-rule"]\n', "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    broken = await wait_for(lambda: [p for p in published(client, config.as_uri()) if p.diagnostics])
    d = broken[0].diagnostics[0]
    assert "punctuation/no-such-rule" in d.message
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range.start.line == 0 and d.range.start.character > 0
    await wait_for(lambda: [m for m in client.messages if m.type == types.MessageType.Error])
    # Still serving, with the last good configuration.
    await wait_for(lambda: len(published(client, uri)) > before)
    assert as_tuples(published(client, uri)[-1].diagnostics) == as_tuples(good)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=good[0].range.start)
    )
    assert hover is not None

    config.write_text('ignore = ["dates"]\n', "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await wait_for(lambda: len(published(client, config.as_uri())[-1].diagnostics) == 0)
    want = expected(folder, "doc.txt", text, s.enc)
    await wait_for(lambda: as_tuples(published(client, uri)[-1].diagnostics) == want)


async def test_a_thousand_rapid_edits(client, folder):
    s = await start(client, folder, "utf-16")
    text = draft() * 18  # about 20 KB
    assert len(text.encode("utf-8")) > 18_000
    uri = s.open("big.txt", "plaintext", text)
    await diagnostics(client, uri, 1)
    first_burst = len(published(client, uri))
    # 1,000 edits as fast as the client can send them: insert "," at the
    # start of line 5, one character at a time.
    sent = time.monotonic()
    for version in range(2, 1002):
        at = types.Position(line=5, character=0)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text=",")],
            )
        )
        if version % 100 == 0:
            await asyncio.sleep(0)
    sent = time.monotonic() - sent
    lines = text.split("\n")
    lines[5] = "," * 1000 + lines[5]
    final = "\n".join(lines)
    got = await diagnostics(client, uri, 1001)
    # Only the final text matters: checks during the burst are few (one per
    # debounce window at most), none is queued behind it.
    during = len(published(client, uri)) - first_burst
    assert during <= 3 + int(sent / 0.15), (during, sent)
    assert as_tuples(got) == expected(folder, "big.txt", final, s.enc)
    await asyncio.sleep(0.5)
    assert published(client, uri)[-1].version == 1001, "nothing stale after the final version"


async def test_malformed_messages(client, folder):
    s = await start(client, folder, None)
    loop = asyncio.get_running_loop()
    writer = client.protocol.writer

    def raw(body: bytes):
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    # Not JSON: a ParseError with a null id.
    errors = loop.create_future()
    client.protocol._request_futures[None] = errors
    raw(b'{"jsonrpc": "2.0", "id": 1, "method": ')
    with pytest.raises(JsonRpcException) as e:
        await asyncio.wait_for(errors, 10)
    assert e.value.code == -32700
    # JSON but not a message, with a readable id: InvalidRequest with that id.
    bad = loop.create_future()
    client.protocol._request_futures["bad-1"] = bad
    raw(b'{"jsonrpc": "2.0", "id": "bad-1", "method": 5}')
    with pytest.raises(JsonRpcException) as e:
        await asyncio.wait_for(bad, 10)
    assert e.value.code == -32600
    # Unknown method, wrong parameters.
    with pytest.raises(JsonRpcException) as e:
        await client.protocol.send_request_async("guifan/noSuchMethod", {})
    assert e.value.code == -32601
    invalid = loop.create_future()
    client.protocol._request_futures[4242] = invalid
    raw(b'{"jsonrpc": "2.0", "id": 4242, "method": "textDocument/hover", "params": {"textDocument": 7}}')
    with pytest.raises(JsonRpcException) as e:
        await asyncio.wait_for(invalid, 10)
    assert e.value.code == -32602
    # And it goes on.
    uri = s.open("ok.txt", "plaintext", "会议指出,要学习。")
    got = await diagnostics(client, uri, 1)
    assert [d.code for d in got] == ["punctuation/halfwidth-in-cjk"]


async def test_shutdown_and_exit(client, folder):
    await start(client, folder, None)
    await client.shutdown_session()
    assert client._server.returncode == 0
