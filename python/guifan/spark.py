"""guifan on Spark: a whole archive checked, with the corpus pass per site.

    python -m guifan.spark --input archive/ --format parquet --text-col text \\
        --group-col site [--date-col date] [--id-col id] --output audit/

The job (PySpark DataFrame API, Arrow batches through ``mapInPandas``):

1. **map**: every document's distinct line fingerprints
   (:meth:`guifan.Linter.fingerprints`), counted per (group, fingerprint)
   within each partition;
2. **reduce**: counts summed per (group, fingerprint) and documents per group
   by Spark; only the fingerprints that reach the group's threshold
   (:meth:`guifan.Linter.corpus_threshold`: 3 documents and 20 % of the group
   by default) are kept — the repeated lines, a site's chrome — and collected;
3. **broadcast** those sets (small: a few dozen lines per site) and check
   every document with its group's counts (:meth:`guifan.Linter.check` with
   ``corpus=``): the per-document rules and ``boilerplate/corpus-repeated``,
   the same findings as ``guifan check --extend-select
   boilerplate/corpus-repeated`` over the documents written as one folder per
   group;
4. write ``OUTPUT/findings`` (Parquet, one row per finding: id, group, rule,
   family, severity, message, offsets, line, column, fix as JSON, help) and
   ``OUTPUT/summary`` (Parquet, per group: documents, characters, and findings
   and findings per 10,000 characters in total, by family and by rule; the
   ``level`` column says which).

The linter travels to the executors as its constructor arguments and is
built once per Python worker. ``boilerplate/near-duplicate`` (MinHash over
the whole run) is not part of the distributed pass.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Dict, Iterator, List, Optional, Tuple

import guifan

RULE = "boilerplate/corpus-repeated"

FINDINGS_SCHEMA = (
    "id string, group string, rule string, family string, severity string, message string, "
    "start long, end long, line int, column int, end_line int, end_column int, fix string, help string"
)

# One linter per Python worker process, keyed by its constructor arguments.
_LINTERS: Dict[Tuple, guifan.Linter] = {}


def _linter(args: Tuple) -> guifan.Linter:
    linter = _LINTERS.get(args)
    if linter is None:
        config, rules, select, ignore, extend_select = args
        linter = guifan.Linter(
            config,
            list(rules),
            None if select is None else list(select),
            None if ignore is None else list(ignore),
            list(extend_select),
        )
        _LINTERS[args] = linter
    return linter


def _peak_rss_mb() -> float:
    """This process's peak resident memory (MB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _date(value) -> Optional[str]:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    s = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return s[:10]


def fingerprint_counts(linter_args: Tuple, fmt: Optional[str], with_date: bool):
    """Stage 1 for mapInPandas: (group, fingerprint, documents) counted within
    the partition; a null fingerprint carries the group's document count."""

    def run(batches):
        import collections

        import pandas as pd

        linter = _linter(linter_args)
        counts: Dict[Tuple[str, int], int] = collections.Counter()
        documents: Dict[str, int] = collections.Counter()
        for pdf in batches:
            dates = pdf["date"].tolist() if with_date else [None] * len(pdf)
            for text, group, date in zip(pdf["text"].tolist(), pdf["group"].tolist(), dates):
                documents[group] += 1
                for h in linter.fingerprints(text or "", format=fmt, date=_date(date)):
                    counts[(group, h)] += 1
        groups = [g for g, _ in counts] + list(documents)
        # Built as Int64 from Python ints: through float64 (what pandas makes
        # of ints mixed with None) 64-bit fingerprints would lose bits.
        prints = pd.array([h for _, h in counts] + [None] * len(documents), dtype="Int64")
        ns = list(counts.values()) + list(documents.values())
        yield pd.DataFrame({"group": groups, "fp": prints, "n": pd.array(ns, dtype="int64")})

    return run


def check_documents(linter_args: Tuple, fmt: Optional[str], with_date: bool, corpus, peak):
    """Stage 2 for mapInPandas: every finding of every document as a row."""

    def run(batches):
        import pandas as pd

        linter = _linter(linter_args)
        sets = corpus.value
        empty = {"documents": 0, "counts": {}}
        for pdf in batches:
            out: Dict[str, List] = {k: [] for k in FINDINGS_COLUMNS}
            dates = pdf["date"].tolist() if with_date else [None] * len(pdf)
            for doc_id, text, group, date in zip(
                pdf["id"].tolist(), pdf["text"].tolist(), pdf["group"].tolist(), dates
            ):
                found = linter.check(
                    text or "",
                    format=fmt,
                    date=_date(date),
                    path=doc_id,
                    corpus=sets.get(group, empty) if linter.corpus_enabled else None,
                )
                for d in found:
                    out["id"].append(doc_id)
                    out["group"].append(group)
                    out["rule"].append(d["rule"])
                    out["family"].append(d["rule"].split("/", 1)[0])
                    out["severity"].append(d["severity"])
                    out["message"].append(d["message"])
                    for k in ("start", "end", "line", "column", "end_line", "end_column"):
                        out[k].append(d[k])
                    out["fix"].append(None if d["fix"] is None else json.dumps(d["fix"], ensure_ascii=False))
                    out["help"].append(d["help"])
            yield pd.DataFrame(out, columns=FINDINGS_COLUMNS)
        peak.add(_peak_rss_mb())

    return run


FINDINGS_COLUMNS = [c.split()[0] for c in FINDINGS_SCHEMA.split(", ")]


def _jvm_peak_rss_mb(spark) -> Optional[float]:
    """The JVM's peak resident memory when this process launched it (local
    mode: the driver is the executor), from /proc; else None."""
    try:
        pid = spark.sparkContext._gateway.proc.pid
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (AttributeError, OSError, ValueError):
        pass
    return None


def _reduce_memory(spark) -> Optional[dict]:
    """The shuffle stage that sums the counts, from the Spark UI's REST API:
    its peak execution memory (summed over its tasks) and input records."""
    import urllib.request

    sc = spark.sparkContext
    if not sc.uiWebUrl:
        return None
    try:
        url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/stages?status=complete"
        with urllib.request.urlopen(url, timeout=10) as r:
            stages = json.load(r)
    except (OSError, ValueError):
        return None
    reads = [s for s in stages if s.get("shuffleReadRecords", 0) > 0]
    if not reads:
        return None
    top = max(reads, key=lambda s: s.get("peakExecutionMemory", 0))
    return {
        "stage": top.get("name", ""),
        "peak_execution_memory_mb": round(top.get("peakExecutionMemory", 0) / 1e6, 1),
        "shuffle_read_records": top.get("shuffleReadRecords", 0),
        "shuffle_read_mb": round(top.get("shuffleReadBytes", 0) / 1e6, 1),
    }


def _max_accumulator(spark):
    from pyspark.accumulators import AccumulatorParam

    class Max(AccumulatorParam):
        def zero(self, value):
            return 0.0

        def addInPlace(self, a, b):
            return max(a, b)

    return spark.sparkContext.accumulator(0.0, Max())


def run(spark, opts) -> dict:
    """Run the job on `spark` with parsed options; returns what it measured."""
    from pyspark.sql import functions as F

    # Hashable: the per-worker cache is keyed by it.
    linter_args = (
        opts.config,
        tuple(opts.rules or ()),
        tuple(opts.select) if opts.select is not None else None,
        tuple(opts.ignore) if opts.ignore is not None else None,
        tuple(dict.fromkeys((opts.extend_select or []) + [RULE])),
    )
    linter = _linter(linter_args)  # fails fast on the driver with the CLI's message
    started = time.perf_counter()
    reader = spark.read.parquet if opts.format == "parquet" else spark.read.json
    raw = reader(opts.input)
    for col in [opts.text_col, opts.group_col, opts.date_col, opts.id_col]:
        if col and col not in raw.columns:
            raise guifan.GuifanError(f"输入中没有列 `{col}`（已有：{', '.join(raw.columns)}）")
    doc_id = F.col(opts.id_col).cast("string") if opts.id_col else F.monotonically_increasing_id().cast("string")
    cols = [doc_id.alias("id"), F.col(opts.text_col).alias("text"), F.col(opts.group_col).cast("string").alias("group")]
    with_date = bool(opts.date_col)
    if with_date:
        cols.append(F.col(opts.date_col).cast("string").alias("date"))
    docs = raw.select(*cols)
    if opts.partitions:
        docs = docs.repartition(opts.partitions)
    docs = docs.cache()

    # Stage 1 and the reduce.
    partial = docs.mapInPandas(
        fingerprint_counts(linter_args, opts.text_format, with_date), "group string, fp long, n long"
    )
    reduced = partial.groupBy("group", "fp").agg(F.sum("n").alias("n")).cache()
    sizes = {r["group"]: int(r["n"]) for r in reduced.where(F.col("fp").isNull()).collect()}
    distinct = reduced.where(F.col("fp").isNotNull()).count()
    # No threshold when the selection turned the corpus rule off: nothing repeats.
    need = spark.createDataFrame(
        [(g, int(linter.corpus_threshold(n) or 2**62), n) for g, n in sizes.items()],
        "group string, need long, documents long",
    )
    repeated = (
        reduced.where(F.col("fp").isNotNull())
        .join(F.broadcast(need), "group")
        .where(F.col("n") >= F.col("need"))
        .collect()
    )
    reduced.unpersist()
    sets: Dict[str, dict] = {g: {"documents": n, "counts": {}} for g, n in sizes.items()}
    for r in repeated:
        sets[r["group"]]["counts"][int(r["fp"])] = int(r["n"])
    stage1 = time.perf_counter() - started

    # Stage 2: check every document against its group's repeated lines.
    corpus = spark.sparkContext.broadcast(sets)
    peak = _max_accumulator(spark)
    findings = docs.mapInPandas(
        check_documents(linter_args, opts.text_format, with_date, corpus, peak), FINDINGS_SCHEMA
    )
    findings.write.mode("overwrite").parquet(f"{opts.output}/findings")
    written = spark.read.parquet(f"{opts.output}/findings")

    # The summary: per group, in total, by family and by rule.
    stats = docs.groupBy("group").agg(
        F.count(F.lit(1)).alias("documents"),
        F.sum(F.length("text")).alias("characters"),
        F.sum(F.octet_length("text")).alias("bytes"),
    )
    levels = [
        written.groupBy("group").count().withColumn("level", F.lit("total")).withColumn("key", F.lit("")),
        written.groupBy("group", F.col("family").alias("key")).count().withColumn("level", F.lit("family")),
        written.groupBy("group", F.col("rule").alias("key")).count().withColumn("level", F.lit("rule")),
    ]
    counted = levels[0].select("group", "level", "key", "count")
    for extra in levels[1:]:
        counted = counted.unionByName(extra.select("group", "level", "key", "count"))
    summary = (
        stats.join(counted, "group", "left")
        .withColumn("level", F.coalesce("level", F.lit("total")))
        .withColumn("key", F.coalesce("key", F.lit("")))
        .withColumn("findings", F.coalesce("count", F.lit(0)))
        .withColumn("per_10k_chars", F.col("findings") * 10000.0 / F.greatest(F.col("characters"), F.lit(1)))
        .select("group", "documents", "characters", "level", "key", "findings", "per_10k_chars")
    )
    summary.write.mode("overwrite").parquet(f"{opts.output}/summary")
    totals = stats.agg(F.sum("documents"), F.sum("characters"), F.sum("bytes")).first()
    seconds = time.perf_counter() - started
    n_docs, n_chars, n_bytes = (int(totals[0] or 0), int(totals[1] or 0), int(totals[2] or 0))
    measured = {
        "documents": n_docs,
        "characters": n_chars,
        "bytes": n_bytes,
        "groups": len(sizes),
        "distinct_fingerprints": distinct,
        "repeated_fingerprints": len(repeated),
        "findings": written.count(),
        "seconds": round(seconds, 2),
        "stage1_seconds": round(stage1, 2),
        "docs_per_s": round(n_docs / seconds, 1),
        "mb_per_s": round(n_bytes / 1e6 / seconds, 3),
        "python_worker_peak_rss_mb": round(peak.value, 1),
        "jvm_peak_rss_mb": _jvm_peak_rss_mb(spark),
        "reduce": _reduce_memory(spark),
    }
    docs.unpersist()
    return measured


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m guifan.spark",
        description="guifan over an archive on Spark: the corpus pass per group, then every document checked.",
    )
    p.add_argument("--input", required=True, help="Parquet or JSON Lines file or folder")
    p.add_argument("--format", choices=["parquet", "jsonl"], default="parquet", help="the input's file format")
    p.add_argument("--text-col", default="text", help="the column holding the document text")
    p.add_argument("--group-col", default="site", help="the column the corpus pass groups by (a site)")
    p.add_argument("--date-col", help="the document date (YYYY-MM-DD…), used when the text carries none")
    p.add_argument("--id-col", help="a document id or path, reported with each finding (default: a row number)")
    p.add_argument("--text-format", choices=["plain", "markdown", "html"], help="the markup of the texts (default plain)")
    p.add_argument("--output", required=True, help="folder for findings/ and summary/ (Parquet)")
    p.add_argument("--config", help="a guifan.toml")
    p.add_argument("--rules", action="append", help="an extra rule-set file (repeatable)")
    p.add_argument("--select", type=lambda s: s.split(","), help="rule ids or families, comma-separated")
    p.add_argument("--extend-select", type=lambda s: s.split(","), help="added to the selection")
    p.add_argument("--ignore", type=lambda s: s.split(","), help="removed from the selection")
    p.add_argument("--partitions", type=int, help="repartition the input into this many partitions")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    opts = parser().parse_args(argv)
    import os

    from pyspark.sql import SparkSession

    # Local runs: the Python workers use this interpreter (where guifan is).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    builder = SparkSession.builder.appName("guifan")
    if opts.master:
        builder = builder.master(opts.master)
    spark = builder.getOrCreate()
    try:
        measured = run(spark, opts)
    except guifan.GuifanError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(json.dumps(measured, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
