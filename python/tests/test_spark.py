"""The Spark job in local[2] on a generated archive against the CLI's corpus pass.

GUIFAN_SPARK_DOCS (default 100,000) documents in 100 groups; the same
documents are written as one folder per group for `guifan check
--extend-select boilerplate/corpus-repeated --format json`, and the findings
must be equal, group by group. Skipped visibly without pyspark or Java.
"""

import collections
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from archive import documents
from conftest import AS_OF, cli_binary

pyspark = pytest.importorskip("pyspark", reason="SKIPPED: pyspark is not installed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from guifan import spark as job  # noqa: E402

RULE = "boilerplate/corpus-repeated"
KEYS = ("rule", "severity", "message", "start", "end", "line", "column", "end_line", "end_column")


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("SKIPPED: no Java for Spark")
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter (where guifan is installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("guifan-test")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def options(**kw):
    args = ["--input", kw.pop("input"), "--output", kw.pop("output")]
    for k, v in kw.items():
        args += [f"--{k.replace('_', '-')}", str(v)]
    return job.parser().parse_args(args)


def cli_findings(folder):
    out = subprocess.run(
        [str(cli_binary()), "check", "--no-config", "--format", "json", "--as-of", AS_OF,
         "--extend-select", RULE, "."],
        cwd=folder, capture_output=True, check=False,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    by_group = collections.defaultdict(set)
    for d in json.loads(out.stdout)["diagnostics"]:
        fix = None if d["fix"] is None else json.dumps(d["fix"], ensure_ascii=False, sort_keys=True)
        by_group[d["path"].split("/")[0]].add((d["path"], *(d[k] for k in KEYS), fix))
    return by_group


def spark_findings(path):
    table = pq.read_table(path).to_pylist()
    by_group = collections.defaultdict(set)
    for r in table:
        fix = None if r["fix"] is None else json.dumps(json.loads(r["fix"]), ensure_ascii=False, sort_keys=True)
        by_group[r["group"]].add((r["id"], *(r[k] for k in KEYS), fix))
    return by_group, table


def test_archive_findings_equal_the_cli_per_group(spark, tmp_path):
    n_docs = int(os.environ.get("GUIFAN_SPARK_DOCS", "100000"))
    docs = documents(n_docs, 100)
    folders = tmp_path / "folders"
    for group, doc_id, text, _ in docs:
        p = folders / doc_id
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    table = pa.table(
        {
            "site": [d[0] for d in docs],
            "path": [d[1] for d in docs],
            "text": [d[2] for d in docs],
            "date": [d[3] for d in docs],
        }
    )
    (tmp_path / "archive").mkdir()
    pq.write_table(table, tmp_path / "archive" / "part-0.parquet", row_group_size=10000)

    t = time.perf_counter()
    expected = cli_findings(folders)
    cli_seconds = time.perf_counter() - t
    shutil.rmtree(folders)  # 100,000 small files: not kept in pytest's temporary folders
    measured = job.run(
        spark,
        options(input=str(tmp_path / "archive"), output=str(tmp_path / "out"), format="parquet",
                text_col="text", group_col="site", date_col="date", id_col="path", partitions=4),
    )
    print(f"\nspark local[2]: {json.dumps(measured)}; CLI (all threads) {cli_seconds:.1f}s")
    got, rows = spark_findings(tmp_path / "out" / "findings")
    assert measured["documents"] == n_docs and measured["groups"] == 100
    assert set(got) == set(expected) and len(got) == 100
    for group in expected:
        assert got[group] == expected[group], group
    rules = collections.Counter(r["rule"] for r in rows)
    assert rules[RULE] > n_docs, rules  # every site's header and footer
    assert len(rules) >= 4, rules  # the seeded errors are found too

    summary = pq.read_table(tmp_path / "out" / "summary").to_pylist()
    totals = {r["group"]: r for r in summary if r["level"] == "total"}
    assert len(totals) == 100
    g = totals["site000"]
    assert g["documents"] == n_docs // 100
    assert g["findings"] == len(expected["site000"])
    assert g["characters"] == sum(len(d[2]) for d in docs if d[0] == "site000")
    by_rule = {r["key"]: r["findings"] for r in summary if r["group"] == "site000" and r["level"] == "rule"}
    assert sum(by_rule.values()) == g["findings"]


def test_jsonl_input_without_ids_or_dates(spark, tmp_path):
    docs = documents(600, 3, seed=2)
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for group, _, text, _ in docs:
            f.write(json.dumps({"site": group, "body": text}, ensure_ascii=False) + "\n")
    measured = job.run(
        spark,
        options(input=str(tmp_path / "in.jsonl"), output=str(tmp_path / "out"), format="jsonl",
                text_col="body", group_col="site"),
    )
    assert measured["documents"] == 600 and measured["groups"] == 3
    rows = pq.read_table(tmp_path / "out" / "findings").to_pylist()
    assert sum(r["rule"] == RULE for r in rows) > 600
    with pytest.raises(Exception, match="输入中没有列 `nope`"):
        job.run(spark, options(input=str(tmp_path / "in.jsonl"), output=str(tmp_path / "o2"),
                               format="jsonl", text_col="nope", group_col="site"))
