"""What a codemod decided for one text, as positions: the statements to delete, the
spans to replace, and the fixes and findings to report."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from codemods.splice.positions import LineIndex


#: the kinds of edit, and what ``node`` is for each
#: "delete": a whole small statement goes (``import os``, ``x = 1``): an ``ast.stmt``
#: "drop-names": ``import a, b`` / ``from m import a, b`` keeps the names whose ``keep``
#:     flag is true (at least one): the ``ast.Import``/``ast.ImportFrom``
#: "to-expression": ``x = f()`` / ``x: T = f()`` becomes ``f()``: the ``ast.Assign``/``ast.AnnAssign``
#: "drop-targets": ``a = b = f()`` loses the targets whose ``drop`` flag is true (not
#:     all): the ``ast.Assign``
#: "drop-handler-name": ``except E as e:`` becomes ``except E:``: the ``ast.ExceptHandler``
#: "drop-with-name": ``with cm() as x:`` becomes ``with cm():``: the ``ast.withitem``
#: "rename": a name becomes ``_``: the ``ast.Name`` (a target)
EDIT_KINDS = ("delete", "drop-names", "to-expression", "drop-targets", "drop-handler-name", "drop-with-name",
              "rename")


@dataclass(frozen=True)
class Edit:
    kind: str
    node: ast.AST
    #: "drop-names": one flag per alias, true to keep it; "drop-targets": one flag per
    #: target, true to drop it; else empty
    flags: Tuple[bool, ...] = ()


@dataclass(frozen=True)
class Replacement:
    """Replace ``text[start:end]`` (character offsets into the text the plan was made
    on) with ``new``."""

    start: int
    end: int
    new: str


@dataclass
class SpliceSource:
    """One text as a codemod's plan sees it."""

    text: str
    tree: ast.Module
    lines: LineIndex
    #: the file as the run found it (before any codemod of the run changed it)
    original_tree: Optional[ast.Module] = None
    original_text: Optional[str] = None


@dataclass
class Plan:
    #: what changes, in any order (at most one edit per node)
    edits: List[Edit] = field(default_factory=list)
    #: (line, column, message, safe): 1-based line and character column, as the libcst
    #: rewriter records them, in the same order
    fixes: List[Tuple[int, int, str, bool]] = field(default_factory=list)
    #: (line, column, message, hint)
    findings: List[Tuple[int, int, str, str]] = field(default_factory=list)
    #: why this text needs the libcst path (None: the plan is complete)
    fallback: Optional[str] = None

    def needs_libcst(self, reason: str) -> "Plan":
        self.fallback = self.fallback or reason
        return self
