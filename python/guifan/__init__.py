"""guifan (规范): a linter for Chinese official and news prose, from Python.

The rules, the engine and the JSON shape of the findings are those of the
``guifan`` command line (this package wraps the same Rust library)::

    import guifan

    linter = guifan.Linter()                  # built once: rule sets compiled
    for d in linter.check("会议指出,要深入学习。"):
        print(d["rule"], d["line"], d["column"], d["message"])
    text, applied = linter.fix("会议指出,要深入学习。")

A finding is a dict with the keys of ``guifan check --format json``
(``path rule severity message start end line column end_line end_column fix
help``); offsets are UTF-8 byte offsets into the text, columns count
characters.

The corpus pass (``boilerplate/corpus-repeated``: lines that recur across a
site's pages) runs in two stages so that a distributed engine can do the
reduce between them: ``linter.fingerprints(text)`` for every document,
counts summed per (group, fingerprint), then ``linter.check(text,
corpus={"documents": n, "counts": {fingerprint: count}})`` with the counts of
the document's group. ``python -m guifan.spark`` does this on Spark.

A :class:`Linter` is immutable, releases the GIL while it checks (use it from
many threads), and pickles as its constructor arguments (it is rebuilt where
it is unpickled). Errors in configurations, rule sets and arguments raise
:class:`GuifanError` with the command line's message.
"""

from ._guifan import GuifanError, Linter, __version__, rules

__all__ = ["GuifanError", "Linter", "rules", "__version__"]
