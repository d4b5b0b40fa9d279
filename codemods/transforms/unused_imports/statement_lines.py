"""Lines of statements as libcst groups them, read from ``ast`` and the text: which
small statements share a line (``a; b``), which bodies are one-line suites
(``if x: import y``), and the comment lines libcst gives a line as its own (its
``leading_lines`` and trailing comment), for the ``ast`` plan of unused-imports.

A shape these rules cannot read for sure (a backslash before a line break where a
block or a comment is looked for) raises ``Undecidable``: the caller then takes the
libcst path.
"""

from __future__ import annotations

import ast
import re
from typing import List, Optional, Sequence

from codemods.splice.positions import LineIndex

_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
             ast.With, ast.AsyncWith, ast.Try) + tuple(
    getattr(ast, name) for name in ("TryStar", "Match") if hasattr(ast, name))
#: an empty line as libcst reads it: whitespace, an optional comment
_EMPTY_LINE = re.compile(r"[ \t\f]*(#[^\r\n]*)?[\r\n]*\Z")


class Undecidable(Exception):
    """The plan cannot show that it decides as the libcst rewriter does."""


def is_compound(statement: ast.stmt) -> bool:
    return isinstance(statement, _COMPOUND)


def group_lines(body: Sequence[ast.stmt], lines: LineIndex) -> List[List[ast.stmt]]:
    """``body`` as libcst's statement lines: small statements joined by ``;`` share
    one; a compound statement is one alone."""
    groups: List[List[ast.stmt]] = []
    previous: Optional[ast.stmt] = None
    for statement in body:
        if previous is not None and not is_compound(statement) and not is_compound(previous) \
                and _same_line(lines, previous, statement):
            groups[-1].append(statement)
        else:
            groups.append([statement])
        previous = statement
    return groups


def _same_line(lines: LineIndex, first: ast.stmt, second: ast.stmt) -> bool:
    """No line break between the two statements but an escaped one."""
    text = lines.text
    index, end = lines.end_of(first), lines.start_of(second)
    while index < end:
        char = text[index]
        if char == "#":
            return False  # a comment ends the logical line
        if char == "\\":
            index += 2 if text.startswith("\r\n", index + 1) else 1
        elif char in "\r\n":
            return False
        index += 1
    return True


def is_suite(body: Sequence[ast.stmt], lines: LineIndex) -> bool:
    """The body follows its header's ``:`` on the same line (libcst's
    SimpleStatementSuite), rather than being an indented block."""
    first = body[0]
    before = lines.text[lines.line_start(first.lineno):lines.start_of(first)]
    if before.strip(" \t\f"):
        return True
    if first.lineno > 1 and lines.line_text(first.lineno - 1).rstrip("\r\n").endswith("\\"):
        raise Undecidable("a backslash before a block's first line")
    return False


def _is_elif(statement: ast.If, lines: LineIndex) -> bool:
    return lines.text.startswith("elif", lines.start_of(statement))


def indented_bodies(statement: ast.stmt, lines: LineIndex) -> List[List[ast.stmt]]:
    """The bodies of a compound statement that are blocks of their own, in source
    order (an ``elif``'s If is not one: its own bodies are)."""
    bodies: List[List[ast.stmt]] = []
    if isinstance(statement, ast.If):
        bodies.append(statement.body)
        if len(statement.orelse) == 1 and isinstance(statement.orelse[0], ast.If) \
                and _is_elif(statement.orelse[0], lines):
            bodies.extend(indented_bodies(statement.orelse[0], lines))
        elif statement.orelse:
            bodies.append(statement.orelse)
        return bodies
    if hasattr(statement, "cases"):
        return [case.body for case in statement.cases]
    bodies.append(statement.body)
    for handler in getattr(statement, "handlers", ()):
        bodies.append(handler.body)
    for field in ("orelse", "finalbody"):
        part = getattr(statement, field, None)
        if part:
            bodies.append(part)
    return bodies


def _ended_block_indents(statement: ast.stmt, lines: LineIndex) -> List[str]:
    """The indents of the indented blocks that end where ``statement`` ends: their
    footers take the comment lines below them that are indented at their level."""
    indents: List[str] = []
    while is_compound(statement):
        body = indented_bodies(statement, lines)[-1]
        if is_suite(body, lines):
            break
        first = body[0]
        indents.append(lines.text[lines.line_start(first.lineno):lines.start_of(first)])
        statement = body[-1]
    return indents


def leading_comments(group: Sequence[ast.stmt], previous: Optional[ast.stmt], first_in_module: bool,
                     lines: LineIndex) -> List[str]:
    """The comment lines right above the line of ``group`` that libcst makes its
    ``leading_lines`` (nearest first), stopping at a blank line. ``previous`` is the
    statement before it in the same body (None: the first of an indented block)."""
    if first_in_module:
        return []  # the module's header takes the first statement's leading lines
    start = group[0].lineno
    if previous is not None:
        top = previous.end_lineno + 1
    else:
        top = start
        while top > 1 and _EMPTY_LINE.match(lines.line_text(top - 1)):
            top -= 1
    region = list(range(top, start))
    if previous is not None and region:
        indents = _ended_block_indents(previous, lines)
        footer_end = -1
        for position, number in enumerate(region):
            if any(lines.line_text(number).startswith(indent) for indent in indents):
                footer_end = position
        region = region[footer_end + 1:]
    comments: List[str] = []
    for number in reversed(region):
        text = lines.line_text(number)
        match = _EMPTY_LINE.match(text)
        if match is None:
            raise Undecidable("a line above a statement that is neither blank nor a comment")
        if match.group(1) is None:
            break
        comments.append(match.group(1))
    return comments


def trailing_comment(group: Sequence[ast.stmt], lines: LineIndex) -> Optional[str]:
    """The comment after the last statement of the line."""
    last = group[-1]
    rest = lines.text[lines.end_of(last):lines.line_end(last.end_lineno)]
    match = re.match(r"[ \t\f]*(?:;[ \t\f]*)?(#[^\r\n]*)?", rest)
    assert match is not None
    if match.group(1) is None and rest[match.end():].strip("\r\n"):
        raise Undecidable("text after a statement line that is not a comment")
    return match.group(1)
