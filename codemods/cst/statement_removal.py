"""Deleting statements without leaving a mess, for rewriters that delete.

A subclass returns ``cst.RemovalSentinel.REMOVE`` from ``leave_Import``,
``leave_Assign`` and the like. This base then keeps the result valid and tidy:

* a line whose statements all went disappears, and its comment lines move to the
  next statement (blank lines merge instead of adding up);
* ``a; b`` losing ``b`` does not keep a dangling ``;``;
* a block left empty gets ``pass``; a statement that becomes the first of its block
  loses the blank lines above it.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from codemods.cst.base import Rewriter

_Lines = Sequence[cst.EmptyLine]


def longest_blank_run(lines: _Lines) -> int:
    longest = run = 0
    for line in lines:
        run = run + 1 if line.comment is None else 0
        longest = max(longest, run)
    return longest


def cap_blank_runs(lines: _Lines, limit: int) -> List[cst.EmptyLine]:
    """``lines`` with no run of blank lines longer than ``limit``."""
    capped: List[cst.EmptyLine] = []
    run = 0
    for line in lines:
        if line.comment is None:
            run += 1
            if run > limit:
                continue
        else:
            run = 0
        capped.append(line)
    return capped


def _merge_leading_lines(removed: _Lines, own: _Lines) -> List[cst.EmptyLine]:
    """The removed statement's comment lines go before the next statement's own; runs
    of blank lines are capped at the longest run either had."""
    return cap_blank_runs(list(removed) + list(own), max(longest_blank_run(removed), longest_blank_run(own)))


def _strip_leading_blanks(lines: _Lines) -> List[cst.EmptyLine]:
    lines = list(lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return lines


def _comment_span(lines: _Lines) -> List[cst.EmptyLine]:
    """From the first to the last comment line (blank lines around them dropped)."""
    indexes = [i for i, line in enumerate(lines) if line.comment is not None]
    return list(lines[indexes[0]: indexes[-1] + 1]) if indexes else []


def _close_line(remaining: Sequence[cst.BaseSmallStatement],
                original_last: cst.BaseSmallStatement) -> List[cst.BaseSmallStatement]:
    """When the last statement of ``a; b`` went, ``a`` takes over its (absent) ``;``."""
    remaining = list(remaining)
    remaining[-1] = remaining[-1].with_changes(semicolon=original_last.semicolon)
    return remaining


def tidy_body(body: Sequence[cst.BaseStatement], strip_first: bool,
              is_emptied: Callable[[cst.BaseStatement], bool]) -> Tuple[Optional[List[cst.BaseStatement]], List[cst.EmptyLine]]:
    """Drop emptied lines from a block's statements.

    Returns the new statements (None when nothing was removed) and the comment lines
    of removed statements that had no statement after them to attach to.
    """
    if not any(is_emptied(s) for s in body):
        return None, []
    result: List[cst.BaseStatement] = []
    pending: List[cst.EmptyLine] = []
    removed_before = False
    for statement in body:
        if is_emptied(statement):
            pending.extend(statement.leading_lines)
            removed_before = True
            continue
        if removed_before and (pending or not result):
            leading = _merge_leading_lines(pending, statement.leading_lines)
            if not result and strip_first:
                leading = _strip_leading_blanks(leading)
            statement = statement.with_changes(leading_lines=leading)
            pending = []
        removed_before = False
        result.append(statement)
    return result, _comment_span(pending)


class StatementRemovingRewriter(Rewriter):
    """Base class of rewriters that remove small statements."""

    def __init__(self, context) -> None:
        super().__init__(context)
        # lines whose statements all went: they carry a placeholder ``pass`` (libcst
        # would silently drop an empty line, comments above it included) until the
        # enclosing block takes them out; kept alive here so that their ids stay unique
        self._emptied: Dict[int, cst.SimpleStatementLine] = {}

    def _is_emptied(self, statement: cst.BaseStatement) -> bool:
        return self._emptied.get(id(statement)) is statement

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        if len(updated_node.body) == len(original_node.body):
            return updated_node
        if not updated_node.body:
            emptied = updated_node.with_changes(body=(cst.Pass(),))
            self._emptied[id(emptied)] = emptied
            return emptied
        return updated_node.with_changes(body=_close_line(updated_node.body, original_node.body[-1]))

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite,
                                   updated_node: cst.SimpleStatementSuite) -> cst.SimpleStatementSuite:
        if len(updated_node.body) == len(original_node.body):
            return updated_node
        if not updated_node.body:
            return updated_node.with_changes(body=(cst.Pass(),))
        return updated_node.with_changes(body=_close_line(updated_node.body, original_node.body[-1]))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock,
                            updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        body, orphans = tidy_body(updated_node.body, True, self._is_emptied)
        if body is None:
            return updated_node
        if not body:
            body = [cst.SimpleStatementLine(body=(cst.Pass(),), leading_lines=orphans)]
            orphans = []
        return updated_node.with_changes(body=body, footer=list(orphans) + list(updated_node.footer))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        header = updated_node.header
        strip_first = not header or header[-1].comment is None
        body, orphans = tidy_body(updated_node.body, strip_first, self._is_emptied)
        if body is None:
            return updated_node
        footer = list(orphans) + list(updated_node.footer)
        # nothing left at all: an empty file, not a lone newline; else the file ends as
        # it did (a file without a final newline does not gain one)
        keeps_newline = updated_node.has_trailing_newline and bool(body or header or footer)
        return updated_node.with_changes(body=body, footer=footer, has_trailing_newline=keeps_newline)

