"""Latency and memory of `guifan server` (not a test: run it by hand).

    target/lsp-venv/bin/python tests/lsp_client/measure.py [GUIFAN_BINARY]

Speaks raw Content-Length framed JSON-RPC to the server (no client library
in the way) with `debounce-ms: 0`, so what is timed is the server's own
work: from writing a `didChange` to reading the `publishDiagnostics` of that
version. Each edit inserts or removes one half-width comma near the top of
the document, alternately, so the size stays the same. Documents: the
example report with an astral line, repeated to about 20 KB, and 1 MB of
generated prose (deterministic pseudo-random Han text with a half-width
mark now and then). Memory: the server's VmRSS after opening the 20 KB
draft, and after 1,000 edits sent as fast as possible (default debounce)
once their final diagnostics have arrived.
"""

from __future__ import annotations

import json
import os
import pathlib
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("GUIFAN_BIN", str(ROOT / "target/release/guifan")))
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import draft  # noqa: E402

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"


def generated(size: int) -> str:
    state = 88172645463325252
    out = []
    total = 0
    while total < size:
        line = []
        for i in range(40):
            state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
            state ^= state >> 7
            state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
            line.append(HAN[state % len(HAN)])
            if i % 13 == 12:
                line.append("," if state % 7 == 0 else "，")
        line.append("。\n")
        s = "".join(line)
        out.append(s)
        total += len(s.encode("utf-8"))
    return "".join(out)


class Server:
    def __init__(self, folder: pathlib.Path):
        self.proc = subprocess.Popen([BIN, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder)
        self.q: queue.Queue = queue.Queue()
        self.id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.q.put((time.perf_counter(), json.loads(body)))

    def send(self, msg: dict):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            _, m = self.q.get(timeout=60)
            if m.get("id") == self.id and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_version(self, uri, version):
        while True:
            t, m = self.q.get(timeout=120)
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                return t, p

    def rss_kib(self) -> int:
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return -1


def session(folder, debounce):
    s = Server(folder)
    s.request(
        "initialize",
        {
            "processId": None,
            "rootUri": folder.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            "initializationOptions": {"debounce-ms": debounce},
        },
    )
    s.notify("initialized", {})
    return s


def edit(s, uri, version, insert: bool):
    at = {"line": 1, "character": 0}
    end = {"line": 1, "character": 0 if insert else 1}
    s.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": at, "end": end}, "text": "," if insert else ""}],
        },
    )


def latency(folder, name, text, samples):
    s = session(folder, 0)
    uri = (folder / name).as_uri()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    _, p = s.wait_version(uri, 1)
    found = len(p["diagnostics"])
    times = []
    for i in range(samples):
        version = i + 2
        t0 = time.perf_counter()
        edit(s, uri, version, i % 2 == 0)
        t1, _ = s.wait_version(uri, version)
        times.append((t1 - t0) * 1000)
    s.request("shutdown", None)
    s.notify("exit", None)
    s.proc.wait(10)
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    size = len(text.encode("utf-8"))
    print(f"{name}: {size / 1024:.0f} KiB, {found} findings, {samples} edits: "
          f"median {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms")


def memory(folder, text):
    s = session(folder, 150)
    uri = (folder / "rss.txt").as_uri()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    s.wait_version(uri, 1)
    time.sleep(0.5)
    before = s.rss_kib()
    t0 = time.perf_counter()
    for i in range(1000):
        edit(s, uri, i + 2, i % 2 == 0)
    sent = time.perf_counter() - t0
    t1, _ = s.wait_version(uri, 1001)
    time.sleep(0.5)
    after = s.rss_kib()
    extra = 0
    while not s.q.empty():
        _, m = s.q.get()
        if m.get("method") == "textDocument/publishDiagnostics":
            extra += 1
    s.request("shutdown", None)
    s.notify("exit", None)
    s.proc.wait(10)
    print(f"1,000 rapid edits of a {len(text.encode()) / 1024:.0f} KiB draft: sent in {sent * 1000:.0f} ms, "
          f"final diagnostics {(t1 - t0 - sent) * 1000:.0f} ms after the last edit; "
          f"RSS {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after; {extra} later publications")


def main():
    with tempfile.TemporaryDirectory() as d:
        folder = pathlib.Path(d)
        small = draft() * 18
        latency(folder, "draft-20k.txt", small, 500)
        latency(folder, "generated-1m.txt", generated(1024 * 1024), 100)
        memory(folder, small)


if __name__ == "__main__":
    main()
