"""The two stages of the corpus pass, reduced in Python, against the CLI's corpus pass."""

import collections
import random

import guifan
from conftest import AS_OF, cli_json

RULE = "boilerplate/corpus-repeated"


def generated(tmp_path, groups=6, per_group=15):
    rng = random.Random(7)
    docs = []
    for g in range(groups):
        chrome = [f"版权所有：第{g}号示范大学党委宣传部 地址：某某路{g}号", f"主办单位：某某市第{g}人民政府办公室"]
        (tmp_path / f"site{g}").mkdir()
        for i in range(per_group):
            lines = [f"第{g}组第{i}篇新闻的标题", f"本站讯 {rng.randint(1, 28)}日，学院召开第{i}次专题会议，研究部署相关工作。"]
            if rng.random() < 0.8:
                lines.append(chrome[0])
            if rng.random() < 0.3:
                lines.append(chrome[1])
            text = "\n".join(lines) + "\n"
            path = tmp_path / f"site{g}" / f"{i:03}.txt"
            path.write_text(text, encoding="utf-8")
            docs.append((f"site{g}", f"site{g}/{i:03}.txt", text))
    return docs


def test_two_stages_equal_the_cli_corpus_pass(tmp_path):
    docs = generated(tmp_path)
    linter = guifan.Linter(extend_select=[RULE])
    counts = collections.defaultdict(collections.Counter)
    documents = collections.Counter()
    for group, _, text in docs:
        documents[group] += 1
        counts[group].update(linter.fingerprints(text, date=AS_OF))
    corpus = {}
    for group, c in counts.items():
        need = linter.corpus_threshold(documents[group])
        corpus[group] = {"documents": documents[group], "counts": {h: n for h, n in c.items() if n >= need}}
    got = []
    for group, path, text in docs:
        got.extend(linter.check(text, path=path, date=AS_OF, corpus=corpus[group]))
    expected = cli_json(["--extend-select", RULE, "."], cwd=tmp_path)["diagnostics"]
    assert sorted(got, key=lambda d: (d["path"], d["start"], d["rule"])) == expected
    assert sum(d["rule"] == RULE for d in got) > 50


def test_fingerprints_are_empty_without_the_corpus_rule():
    assert guifan.Linter().fingerprints("主办单位：某某市人民政府办公室\n") == []
    assert guifan.Linter().corpus_threshold(10) is None
    assert guifan.Linter(extend_select=[RULE]).corpus_threshold(100) == 20
