"""Blank lines around a definition a fix turned from one line into a block, as
pycodestyle (E301, E302, E305), black and ruff format want them.

``def write(self): pass`` followed directly by ``def flush(self): pass`` is fine
(grouped one-liners), but once the first gets a docstring it is a block, and the
statement after it needs one blank line (two at module level).
"""

from __future__ import annotations

from typing import Collection, List, Sequence

import libcst as cst


def blank_run(lines: Sequence[cst.EmptyLine]) -> int:
    """How many blank lines come first (before any comment line)."""
    count = 0
    while count < len(lines) and lines[count].comment is None:
        count += 1
    return count


def at_least_blank_lines(statement: cst.BaseStatement, wanted: int) -> cst.BaseStatement:
    """``statement`` with at least ``wanted`` blank lines before it (and its comments)."""
    lines = list(statement.leading_lines)
    blank = blank_run(lines)
    if blank >= wanted:
        return statement
    return statement.with_changes(leading_lines=[cst.EmptyLine(indent=False)] * (wanted - blank) + lines)


def space_after_blocks(body: Sequence[cst.BaseStatement], expanded: Collection[int],
                       module_level: bool) -> List[cst.BaseStatement]:
    """``body`` where the statement after each definition whose id is in ``expanded``
    (a one-liner the fix made a block) has the blank lines a definition wants after it."""
    result = list(body)
    for index in range(len(body) - 1):
        if id(body[index]) in expanded and isinstance(body[index], (cst.FunctionDef, cst.ClassDef)):
            result[index + 1] = at_least_blank_lines(result[index + 1], 2 if module_level else 1)
    return result
