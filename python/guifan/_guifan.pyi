"""Typed stubs of the native module (see ``guifan``'s docstring)."""

import datetime
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

class GuifanError(Exception):
    """A configuration, rule-set or argument error (the CLI's message)."""

class Edit(TypedDict):
    start: int
    end: int
    replacement: str

class Fix(TypedDict):
    applicability: str  # "safe" | "unsafe"
    edits: List[Edit]

class Finding(TypedDict):
    """One finding, exactly as in ``guifan check --format json`` (version 1)."""

    path: str
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Optional[Fix]
    help: Optional[str]

class DocumentReport(TypedDict):
    path: str
    format: str
    date: str
    date_source: str  # "metadata" | "as-of" | "today"
    date_known: bool
    characters: int
    diagnostics: List[Finding]

class RuleInfo(TypedDict):
    id: str
    family: str
    severity: str
    enabled: bool
    fix: Optional[str]
    summary: str
    source: Optional[str]

class CorpusCounts(TypedDict):
    """One group's reduced stage-1 counts: ``documents`` in the group, and
    per line fingerprint the number of documents containing it (only those
    reaching ``Linter.corpus_threshold(documents)`` matter)."""

    documents: int
    counts: Mapping[int, int]

DateLike = Union[str, datetime.date]
PathLike = Union[str, "os.PathLike[str]"]

class Linter:
    """A compiled configuration: the built-in rule sets, a guifan.toml
    (``config``), extra rule-set files (``rules``) and the selection
    (``select`` replaces the selection; ``extend_select`` adds to it;
    ``ignore`` removes ids or families), as the CLI's flags of the same names."""

    def __init__(
        self,
        config: Optional[PathLike] = None,
        rules: Sequence[PathLike] = (),
        select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        extend_select: Optional[Sequence[str]] = None,
    ) -> None: ...
    def check(
        self,
        text: str,
        format: Optional[str] = None,
        date: Optional[DateLike] = None,
        path: Optional[str] = None,
        corpus: Optional[CorpusCounts] = None,
    ) -> List[Finding]:
        """The findings in ``text``, sorted by position. ``format``:
        ``plain``/``markdown``/``html`` (default: by ``path``'s extension,
        else plain); ``date``: the document date when its metadata has none
        (the CLI's ``--as-of``); ``path``: reported as ``path`` (default
        ``-``); ``corpus``: the counts of the document's group, adding
        ``boilerplate/corpus-repeated`` findings (stage 2)."""
    def check_document(
        self,
        text: str,
        format: Optional[str] = None,
        date: Optional[DateLike] = None,
        path: Optional[str] = None,
        corpus: Optional[CorpusCounts] = None,
    ) -> DocumentReport:
        """As :meth:`check`, with the document's facts (date used and its
        source, format, characters) around the findings."""
    def fix(
        self,
        text: str,
        unsafe: bool = False,
        format: Optional[str] = None,
        date: Optional[DateLike] = None,
        path: Optional[str] = None,
    ) -> Tuple[str, int]:
        """``(fixed text, fixes applied)``: safe fixes (and unsafe ones with
        ``unsafe=True``), repeated until nothing changes, as ``guifan fix``."""
    def fingerprints(
        self,
        text: str,
        format: Optional[str] = None,
        date: Optional[DateLike] = None,
        path: Optional[str] = None,
    ) -> List[int]:
        """Stage 1 of the corpus pass: the distinct line fingerprints of the
        document (signed 64-bit), empty unless ``boilerplate/corpus-repeated``
        is enabled."""
    def corpus_threshold(self, documents: int) -> Optional[int]:
        """How many documents of a group of ``documents`` a line must occur
        in to be reported (``None``: the corpus rule is off)."""
    @property
    def corpus_enabled(self) -> bool: ...
    def rules(self) -> List[RuleInfo]:
        """Every loaded rule, with its state in this configuration."""
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...

def rules() -> List[RuleInfo]:
    """Every built-in rule, with its default state and severity."""
