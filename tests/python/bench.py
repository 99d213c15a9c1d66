"""Throughput of the Python bindings and the Spark job (numbers for the README).

    target/py-venv/bin/python tests/python/bench.py [--items N] [--spark]

On the first N items of ../shared/corpus/cctv-xwlb-2020-2026.txt (items are
separated by blank lines, as tests/support/cctv.rs splits them; each is one
document): the CLI over the items written as files (`guifan check --threads
1`, then all threads), `Linter.check` from Python on one thread, then the
same items split over two threads (the GIL is released while checking), and
with --spark the Spark job in local[2] over the items (group: blocks of 1,000
items). GUIFAN_BIN names the CLI (default target/release/guifan).
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

import guifan

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("GUIFAN_SHARED", ROOT.parent / "shared"))
AS_OF = "2024-06-01"


def items(n):
    path = SHARED / "corpus" / "cctv-xwlb-2020-2026.txt"
    if not path.is_file():
        sys.exit(f"no corpus at {path}")
    out = [t for t in path.read_text(encoding="utf-8").split("\n\n") if t.strip()]
    return out[:n]


def timed(f):
    t = time.perf_counter()
    r = f()
    return time.perf_counter() - t, r


def cpu_per_wall(f):
    """CPU seconds of this process per wall second while `f` runs: above 1
    only if threads run Python-called code at the same time (GIL released)."""
    c, t = time.process_time(), time.perf_counter()
    f()
    return round((time.process_time() - c) / (time.perf_counter() - t), 2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--items", type=int, default=10000)
    p.add_argument("--spark", action="store_true")
    opts = p.parse_args()
    docs = items(opts.items)
    mb = sum(len(d.encode()) for d in docs) / 1e6
    cli = os.environ.get("GUIFAN_BIN", str(ROOT / "target" / "release" / "guifan"))
    result = {"items": len(docs), "mb": round(mb, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        for i, d in enumerate(docs):
            (pathlib.Path(tmp) / f"{i:06}.txt").write_text(d, encoding="utf-8")
        for threads in ("1", str(os.cpu_count())):
            s, out = timed(lambda: subprocess.run(
                [cli, "check", "--no-config", "--format", "json", "--as-of", AS_OF, "--threads", threads, tmp],
                capture_output=True, check=False))
            n = len(json.loads(out.stdout)["diagnostics"])
            result[f"cli_threads_{threads}"] = {"s": round(s, 2), "docs_per_s": round(len(docs) / s), "mb_per_s": round(mb / s, 2), "findings": n}
    linter = guifan.Linter()
    s, found = timed(lambda: [linter.check(d, date=AS_OF) for d in docs])
    result["python_1_thread"] = {"s": round(s, 2), "docs_per_s": round(len(docs) / s), "mb_per_s": round(mb / s, 2), "findings": sum(map(len, found))}

    def two_threads():
        halves = [docs[0::2], docs[1::2]]
        ts = [threading.Thread(target=lambda h=h: [linter.check(d, date=AS_OF) for d in h]) for h in halves]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    s2, _ = timed(two_threads)
    result["python_2_threads"] = {"s": round(s2, 2), "docs_per_s": round(len(docs) / s2), "mb_per_s": round(mb / s2, 2), "speedup": round(s / s2, 2)}
    result["cpu_per_wall"] = {
        "1_thread": cpu_per_wall(lambda: [linter.check(d, date=AS_OF) for d in docs[:3000]]),
        "2_threads": cpu_per_wall(two_threads),
    }
    result["load_average"] = os.getloadavg()
    if opts.spark:
        result["spark_local_2"] = spark(docs)
    print(json.dumps(result, indent=1))


def spark(docs):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark.sql import SparkSession

    from guifan import spark as job

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        (pathlib.Path(tmp) / "in").mkdir()
        pq.write_table(
            pa.table({"id": [f"{i:06}" for i in range(len(docs))], "group": [f"cctv-{i // 1000:03}" for i in range(len(docs))], "text": docs}),
            pathlib.Path(tmp) / "in" / "part-0.parquet",
        )
        session = (SparkSession.builder.master("local[2]").config("spark.sql.shuffle.partitions", "8")
                   .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        opts = job.parser().parse_args(["--input", f"{tmp}/in", "--output", f"{tmp}/out", "--group-col", "group",
                                        "--id-col", "id", "--partitions", "4"])
        measured = job.run(session, opts)
        session.stop()
    return measured


if __name__ == "__main__":
    main()
