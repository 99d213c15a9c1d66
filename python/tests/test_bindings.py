"""The bindings against the command line: same findings, fixes and messages."""

import pathlib
import pickle
import threading
import time

import pytest

import guifan
from conftest import AS_OF, ROOT, cli_binary, cli_fail, cli_json

FIXTURES = sorted(
    p.relative_to(ROOT)
    for ext in ("txt", "md", "html")
    for p in (ROOT / "fixtures").rglob(f"*.{ext}")
)


def by_path(report):
    out = {}
    for d in report["diagnostics"]:
        out.setdefault(d["path"], []).append(d)
    return out


def test_fixtures_equal_the_cli_json():
    assert len(FIXTURES) >= 20
    expected = by_path(cli_json([str(p) for p in FIXTURES]))
    linter = guifan.Linter()
    total = 0
    for p in FIXTURES:
        text = (ROOT / p).read_text(encoding="utf-8-sig")
        got = linter.check(text, path=str(p), date=AS_OF)
        assert got == expected.get(str(p), []), p
        total += len(got)
    assert total > 50, "the fixtures carry findings"


def test_seeds_equal_the_cli_json(seeds):
    expected = by_path(cli_json([str(p) for p in seeds]))
    linter = guifan.Linter()
    total = 0
    for p in seeds:
        got = linter.check(p.read_text(encoding="utf-8-sig"), path=str(p), date=AS_OF)
        assert got == expected.get(str(p), []), p
        total += len(got)
    assert total > 0


def test_selection_and_formats_follow_the_cli():
    p = FIXTURES[0]
    for args, kwargs in [
        (["--select", "punctuation"], {"select": ["punctuation"]}),
        (["--ignore", "punctuation,dates"], {"ignore": ["punctuation", "dates"]}),
        (["--extend-select", "all"], {"extend_select": ["all"]}),
    ]:
        expected = cli_json([*args, str(p)])["diagnostics"]
        text = (ROOT / p).read_text(encoding="utf-8-sig")
        assert guifan.Linter(**kwargs).check(text, path=str(p), date=AS_OF) == expected, args
    md = next(p for p in FIXTURES if p.suffix == ".md")
    text = (ROOT / md).read_text(encoding="utf-8")
    linter = guifan.Linter()
    # The format follows the path's extension, as in the CLI, unless given.
    assert linter.check(text, path=str(md), date=AS_OF) == linter.check(
        text, path=str(md), format="markdown", date=AS_OF
    )


def test_fix_equals_cli_fix(tmp_path):
    import subprocess

    linter = guifan.Linter()
    changed = 0
    for p in FIXTURES:
        text = (ROOT / p).read_text(encoding="utf-8")
        for unsafe in (False, True):
            args = [str(cli_binary()), "fix", "--no-config", "--as-of", AS_OF]
            args += ["--unsafe"] if unsafe else []
            out = subprocess.run(
                [*args, "--stdin-filename", str(p), "-"],
                input=text.encode(),
                capture_output=True,
                cwd=ROOT,
                check=False,
            )
            fixed, applied = linter.fix(text, unsafe=unsafe, path=str(p), date=AS_OF)
            assert fixed == out.stdout.decode(), (p, unsafe)
            assert (applied > 0) == (fixed != text)
            changed += fixed != text
    assert changed > 5


def test_check_document_reports_the_date_used():
    linter = guifan.Linter()
    doc = linter.check_document("发布时间：2023-04-03\n会议指出,要深入学习。", date="2020-01-01")
    assert (doc["date"], doc["date_source"], doc["date_known"]) == ("2023-04-03", "metadata", True)
    doc = linter.check_document("会议指出,要深入学习。", date=__import__("datetime").date(2021, 5, 12))
    assert (doc["date"], doc["date_source"]) == ("2021-05-12", "as-of")
    assert doc["diagnostics"][0]["rule"] == "punctuation/halfwidth-in-cjk"
    assert doc["characters"] == len("会议指出,要深入学习。")


def test_rules_lists_every_rule():
    rules = guifan.rules()
    ids = {r["id"] for r in rules}
    assert "punctuation/halfwidth-in-cjk" in ids and "boilerplate/corpus-repeated" in ids
    listed = subprocess_lines([str(cli_binary()), "rules"])
    assert all(any(line.startswith(r["id"]) or f" {r['id']} " in line for line in listed) for r in rules[:10])
    off = {r["id"]: r["enabled"] for r in rules}
    assert off["boilerplate/corpus-repeated"] is False
    assert guifan.Linter(extend_select=["boilerplate/corpus-repeated"]).corpus_enabled


def subprocess_lines(args):
    import subprocess

    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()


def test_errors_carry_the_cli_messages(tmp_path):
    with pytest.raises(guifan.GuifanError) as e:
        guifan.Linter(select=["punctuation/nope"])
    assert "未知的规则或规则族 `punctuation/nope`" in str(e.value)
    assert "未知的规则或规则族 `punctuation/nope`" in cli_fail(["check", "--select", "punctuation/nope", "-"])

    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(guifan.GuifanError) as e:
        guifan.Linter(rules=[bad])
    # miette wraps the CLI's message to the terminal's width, in a box.
    flat = lambda s: "".join(c for c in s if not c.isspace() and c not in "│×")  # noqa: E731
    message = str(e.value)
    assert "无法解析" in message
    assert flat(message) in flat(cli_fail(["check", "--no-config", "--rules", str(bad), "-"]))

    missing = tmp_path / "missing.toml"
    with pytest.raises(guifan.GuifanError, match="无法读取配置文件"):
        guifan.Linter(config=missing)
    with pytest.raises(guifan.GuifanError, match="YYYY-MM-DD"):
        guifan.Linter().check("正文。", date="2024-13-01")
    with pytest.raises(guifan.GuifanError, match="未知的格式"):
        guifan.Linter().check("正文。", format="docx")
    with pytest.raises(guifan.GuifanError, match="boilerplate/corpus-repeated"):
        guifan.Linter().check("正文。", corpus={"documents": 1, "counts": {}})


def test_config_file_is_read_as_the_cli_reads_it(tmp_path):
    cfg = tmp_path / "guifan.toml"
    cfg.write_text('select = ["punctuation"]\nas-of = "2022-02-02"\n', encoding="utf-8")
    linter = guifan.Linter(config=cfg)
    doc = linter.check_document("会议指出,要深入学习2022年2月30日的讲话。")
    assert doc["date"] == "2022-02-02"
    assert {d["rule"].split("/")[0] for d in doc["diagnostics"]} == {"punctuation"}


def test_pickle_rebuilds_the_same_linter():
    linter = guifan.Linter(select=["punctuation", "dates"], extend_select=["boilerplate/corpus-repeated"])
    again = pickle.loads(pickle.dumps(linter))
    text = "会议指出,要深入学习。2023年2月30日\n"
    assert again.check(text, date=AS_OF) == linter.check(text, date=AS_OF)
    assert again.corpus_enabled and [r for r in again.rules() if r["enabled"]] == [
        r for r in linter.rules() if r["enabled"]
    ]


def test_threads_share_one_linter():
    linter = guifan.Linter()
    texts = [(ROOT / p).read_text(encoding="utf-8") for p in FIXTURES]
    expected = [linter.check(t, date=AS_OF) for t in texts]
    results = {}

    def work(k):
        results[k] = [linter.check(t, date=AS_OF) for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


def test_the_gil_is_released_while_checking():
    """Python code in another thread keeps running during one long check:
    with the GIL held it would stop until the check returned."""
    base = "\n".join((ROOT / p).read_text(encoding="utf-8") for p in FIXTURES)
    linter = guifan.Linter()
    # A text long enough for the check to take about half a second on this
    # machine, however fast it is.
    copies = 20
    while True:
        t = time.perf_counter()
        linter.check(base * copies, date=AS_OF)
        if time.perf_counter() - t > 0.1 or copies >= 20 * 2**8:
            break
        copies *= 2
    text = base * (copies * 5)
    done = threading.Event()
    spans = {}

    def check():
        t = time.perf_counter()
        linter.check(text, date=AS_OF)
        spans["check"] = time.perf_counter() - t
        done.set()

    # The rate of a pure-Python loop alone, then while the check runs.
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 0.3:
        n += 1
    alone = n / (time.perf_counter() - t)
    worker = threading.Thread(target=check)
    n, t = 0, time.perf_counter()
    worker.start()
    while not done.is_set():
        n += 1
    during = n / (time.perf_counter() - t)
    worker.join()
    assert spans["check"] > 0.2, "a check long enough to measure"
    print(f"\nloop rate during a {spans['check']:.2f} s check: {during / alone:.0%} of alone")
    assert during > 0.1 * alone, (during, alone)
