"""What a codemod decided for one text, as positions: the statements to delete, the
spans to replace, and the fixes and findings to report."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from codemods.splice.positions import LineIndex


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
    #: whole simple statements (small statements of a line: ``import os``, ``x = 1``)
    deletions: List[ast.stmt] = field(default_factory=list)
    replacements: List[Replacement] = field(default_factory=list)
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
