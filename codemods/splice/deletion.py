"""Whole small statements deleted as text, byte for byte what
``codemods.cst.statement_removal.StatementRemovingRewriter`` and libcst's code
generation give.

libcst keeps every blank or comment line in some node: the lines above a statement are
its ``leading_lines``, except that the module's first statement gives its own to the
module ``header``, and that after a block ends the block (innermost first) keeps, as its
``footer``, the lines up to the last one indented at least as far as its statements.
The rewriter only ever moves ``leading_lines`` of removed lines to the next statement
of the same block (or to the block's footer, comments only), and a line keeps its text
wherever it goes in the same block. So each run of removed lines becomes one splice:
from the leading lines of its first line to the start of the next kept statement (or to
the end of its last line), replaced by the merged leading lines, the orphaned comments
or ``pass``. Anything this model does not certainly describe (a backslash between
statements, a form feed in an indentation, a file libcst would not give back as it
is) raises ``NotSure``, and the caller takes the libcst path.
"""

from __future__ import annotations

import ast
import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

from codemods.splice.plan import Replacement

_Span = Tuple[int, int, str]

#: a line holding only whitespace and maybe a comment: libcst's EmptyLine
_EMPTY_LINE = re.compile(r"[ \t\f]*(#[^\r\n]*)?(?:\r\n|\r|\n)")
#: what may follow a statement line's last statement: libcst's TrailingWhitespace
#: (a last ``;`` included)
_TRAILING = re.compile(r"[ \t\f]*(?:;[ \t\f]*)?(?:#[^\r\n]*)?(?:\r\n|\r|\n)")
#: between two statements of one line
_SEPARATOR = re.compile(r"[ \t\f]*;[ \t\f]*")
#: a statement starting a line after a form feed: libcst drops the form feed
_FORM_FEED_INDENT = re.compile(r"^[ \t]*\f[ \t\f]*[^ \t\f#\r\n]", re.MULTILINE)

_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
             ast.With, ast.AsyncWith, ast.Try, ast.Match) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())
_BODY_FIELDS = ("body", "orelse", "finalbody")


class NotSure(Exception):
    """Why a deletion gets no splice (the libcst path decides it)."""


def default_newline(text: str) -> str:
    """libcst's ``default_newline``: the first line's ending (``\\n`` without one)."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group() if match else "\n"


def check_round_trip(text: str) -> None:
    """Refuse the shapes of file libcst does not give back byte for byte (the runner
    refuses the file then, and the splice must not change it either)."""
    if text.endswith("\r") or text.endswith("\\\n") or text.endswith("\\\r\n"):
        raise NotSure("file ends in a lone CR or a backslash")
    if "\f" in text and _FORM_FEED_INDENT.search(text):
        raise NotSure("form feed in an indentation")


class _Text:
    """The text being cut, with the fake last newline libcst's tokenizer adds."""

    def __init__(self, text: str, lines) -> None:
        self.text = text
        self.newline = default_newline(text)
        self.has_trailing_newline = text.endswith("\n")
        self.work = text if self.has_trailing_newline or not text else text + self.newline
        self.lines = lines  # LineIndex of ``text``: offsets agree with ``work``
        #: where each line starts, and where a last empty line would (libcst's fake newline included)
        self.starts = lines.starts if self.work is text else lines.starts + [len(self.work)]

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.work)

    def line(self, line: int) -> str:
        return self.work[self.line_start(line):self.line_end(line)]

    def is_empty_line(self, line: int) -> bool:
        return 1 <= line < len(self.starts) and _EMPTY_LINE.fullmatch(self.line(line)) is not None

    def is_comment_line(self, line: int) -> bool:
        return self.line(line).lstrip(" \t\f").startswith("#")


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", None)
    return min([node.lineno] + [d.lineno for d in decorators]) if decorators else node.lineno


def _indentation(text: _Text, node: ast.stmt) -> Optional[str]:
    """The whitespace before ``node`` on its first line (None: it does not start its line)."""
    line = _first_line(node)
    start = text.line_start(line)
    prefix = text.work[start:text.lines.offset(line, 0) + _byte_column_chars(text, node, line)]
    return prefix if prefix.strip(" \t") == "" else None


def _byte_column_chars(text: _Text, node: ast.stmt, line: int) -> int:
    if line != node.lineno:  # a decorator's line: the '@' is the first non-blank character
        piece = text.line(line)
        return len(piece) - len(piece.lstrip(" \t\f"))
    return text.lines.start_of(node) - text.line_start(line)


def _is_elif(text: _Text, node: ast.If) -> bool:
    if len(node.orelse) != 1 or not isinstance(node.orelse[0], ast.If):
        return False
    start = text.lines.start_of(node.orelse[0])
    return text.work.startswith("elif", start)


def _last_body(text: _Text, node: ast.stmt) -> List[ast.stmt]:
    """The block that ends ``node`` (an ``elif`` chain followed to its end)."""
    while isinstance(node, ast.If) and _is_elif(text, node):
        node = node.orelse[0]
    if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While)):
        return node.orelse or node.body
    if isinstance(node, ast.Try) or (hasattr(ast, "TryStar") and isinstance(node, ast.TryStar)):
        return node.finalbody or node.orelse or node.handlers[-1].body
    if isinstance(node, ast.Match):
        return node.cases[-1].body
    return node.body


def _closing_indents(text: _Text, node: ast.stmt) -> List[str]:
    """The indentations of the blocks that end where ``node`` ends, innermost first."""
    indents: List[str] = []
    while isinstance(node, _COMPOUND):
        body = _last_body(text, node)
        indent = _indentation(text, body[0])
        if indent is None:  # a one-line body after the colon: no block, no footer
            break
        indents.append(indent)
        node = body[-1]
    return list(reversed(indents))


class _Item:
    """One statement of a block as libcst sees it: a compound statement, or a line of
    small statements (``a; b``)."""

    __slots__ = ("statements", "first_line", "last_line", "leading", "removed")

    def __init__(self, statements: List[ast.stmt]) -> None:
        self.statements = statements
        self.first_line = _first_line(statements[0])
        self.last_line = statements[-1].end_lineno
        self.leading: List[int] = []  # line numbers of its leading_lines
        self.removed = False


def _items(text: _Text, body: Sequence[ast.stmt]) -> List[_Item]:
    items: List[_Item] = []
    previous: Optional[ast.stmt] = None
    for statement in body:
        if previous is not None and not isinstance(previous, _COMPOUND) and not isinstance(statement, _COMPOUND):
            between = text.work[text.lines.end_of(previous):text.lines.start_of(statement)]
            if _SEPARATOR.fullmatch(between):
                items[-1].statements.append(statement)
                items[-1].last_line = statement.end_lineno
                previous = statement
                continue
        if previous is not None:
            _check_trailing(text, previous)
        items.append(_Item([statement]))
        previous = statement
    _check_trailing(text, body[-1])
    return items


def _check_trailing(text: _Text, statement: ast.stmt) -> None:
    end = text.lines.end_of(statement)
    if not _TRAILING.fullmatch(text.work, end, text.line_end(statement.end_lineno)):
        raise NotSure("a statement's line does not end after it")


def _assign_leading_lines(text: _Text, items: List[_Item], indented: bool) -> None:
    """The leading lines of the removed items and of the item after each (the only ones
    the rewriter reads)."""
    # (every statement but the first starts its line: the one before ends in a line break)
    for index, item in enumerate(items):
        if not item.removed and not (index and items[index - 1].removed):
            continue
        if index == 0:
            if not indented:
                continue  # the module's header holds them
            line = item.first_line - 1
            while text.is_empty_line(line):
                line -= 1
            _check_no_continuation(text, line)
            item.leading = list(range(line + 1, item.first_line))
            continue
        previous = items[index - 1]
        gap = list(range(previous.last_line + 1, item.first_line))
        if not all(text.is_empty_line(line) for line in gap):
            raise NotSure("something other than blank and comment lines between statements")
        position = 0
        for indent in _closing_indents(text, previous.statements[-1]):
            for at in range(len(gap) - 1, position - 1, -1):
                if text.line(gap[at]).startswith(indent):
                    position = at + 1
                    break
        item.leading = gap[position:]


def _check_no_continuation(text: _Text, line: int) -> None:
    if line >= 1 and text.line(line).rstrip("\r\n").endswith("\\"):
        raise NotSure("a backslash continuation before a block")


def _blank(text: _Text, line: int) -> bool:
    return not text.is_comment_line(line)


def _longest_blank_run(text: _Text, lines: Sequence[int]) -> int:
    longest = run = 0
    for line in lines:
        run = run + 1 if _blank(text, line) else 0
        longest = max(longest, run)
    return longest


def _merged(text: _Text, removed: Sequence[int], own: Sequence[int], strip_first: bool) -> List[int]:
    """``_merge_leading_lines`` (then ``_strip_leading_blanks``) of statement_removal."""
    limit = max(_longest_blank_run(text, removed), _longest_blank_run(text, own))
    merged: List[int] = []
    run = 0
    for line in list(removed) + list(own):
        if _blank(text, line):
            run += 1
            if run > limit:
                continue
        else:
            run = 0
        merged.append(line)
    if strip_first:
        while merged and _blank(text, merged[0]):
            merged.pop(0)
    return merged


def _comment_span(text: _Text, lines: Sequence[int]) -> List[int]:
    indexes = [i for i, line in enumerate(lines) if not _blank(text, line)]
    return list(lines[indexes[0]:indexes[-1] + 1]) if indexes else []


def _joined(text: _Text, lines: Sequence[int]) -> str:
    return "".join(text.line(line) for line in lines)


def _block_spans(text: _Text, items: List[_Item], deleted: Set[int], indented: bool,
                 module_strip_first: bool) -> List[_Span]:
    """The splices of one block's removed lines."""
    for item in items:
        item.removed = all(id(s) in deleted for s in item.statements)
    if not any(item.removed for item in items):
        return []
    _assign_leading_lines(text, items, indented)
    strip_first = True if indented else module_strip_first
    spans: List[_Span] = []
    pending: List[int] = []
    kept = 0
    run_start: Optional[int] = None
    for item in items:
        if item.removed:
            if run_start is None:
                run_start = text.line_start(item.leading[0] if item.leading else item.first_line)
            pending.extend(item.leading)
            continue
        if run_start is not None:
            own = item.leading
            if pending or not kept:
                new_lines = _merged(text, pending, own, strip_first and not kept)
                pending = []
            else:
                new_lines = own
            spans.append((run_start, text.line_start(item.first_line), _joined(text, new_lines)))
            run_start = None
        kept += 1
    emptied = not kept
    if run_start is not None:
        last = items[-1]
        new = _joined(text, _comment_span(text, pending))
        if emptied and indented:
            new += _indentation(text, items[0].statements[0]) + "pass" + text.newline
        spans.append((run_start, text.line_end(last.last_line), new))
    return spans


def _line_spans(text: _Text, statements: Sequence[ast.stmt], deleted: Set[int]) -> List[_Span]:
    """Splices inside one line that keeps some of its statements (``a; b`` losing ``b``:
    ``a`` takes over ``b``'s absent semicolon)."""
    spans: List[_Span] = []
    kept = [i for i, s in enumerate(statements) if id(s) not in deleted]
    last_kept = kept[-1]
    for index, statement in enumerate(statements):
        if id(statement) not in deleted:
            continue
        if index < last_kept:
            spans.append((text.lines.start_of(statement), text.lines.start_of(statements[index + 1]), ""))
        else:
            spans.append((text.lines.end_of(statements[index - 1]), text.lines.end_of(statement), ""))
    return spans


def _suite_spans(text: _Text, body: Sequence[ast.stmt], deleted: Set[int]) -> List[_Span]:
    """``if x: a; b``: statements after the colon (a SimpleStatementSuite)."""
    previous = body[0]
    for statement in body[1:]:
        if not _SEPARATOR.fullmatch(text.work, text.lines.end_of(previous), text.lines.start_of(statement)):
            raise NotSure("a one-line body that is not one line")
        previous = statement
    _check_trailing(text, body[-1])
    if all(id(s) in deleted for s in body):
        # ``pass`` replaces the statements and the last one's semicolon, whose
        # whitespace after runs up to the comment: ``if x: a;  # c`` -> ``if x: pass# c``
        end = text.lines.end_of(body[-1])
        semicolon = _SEPARATOR.match(text.work, end)
        return [(text.lines.start_of(body[0]), semicolon.end() if semicolon else end, "pass")]
    return _line_spans(text, body, deleted)


def _check_module_footer(text: _Text, body: Sequence[ast.stmt]) -> None:
    """libcst's module drops footer lines before the last whitespace-indented one that
    comes before an unindented comment (the file is then refused): refuse it too."""
    if not body:
        return
    last = body[-1]
    footer = list(range(last.end_lineno + 1, len(text.starts)))
    if not all(text.is_empty_line(line) for line in footer):
        raise NotSure("something other than blank and comment lines after the last statement")
    position = 0
    for indent in _closing_indents(text, last):
        for at in range(len(footer) - 1, position - 1, -1):
            if text.line(footer[at]).startswith(indent):
                position = at + 1
                break
    last_indented = None
    for number, line in enumerate(footer[position:]):
        if text.line(line)[:1] in (" ", "\t", "\f"):
            last_indented = number
        elif text.is_comment_line(line):
            break
    if last_indented:
        raise NotSure("libcst does not give back this file's last lines")


def _bodies(node: ast.AST) -> List[List[ast.stmt]]:
    bodies = [getattr(node, name) for name in _BODY_FIELDS if getattr(node, name, None)]
    for child in getattr(node, "handlers", ()) or ():
        bodies.append(child.body)
    for case in getattr(node, "cases", ()) or ():
        bodies.append(case.body)
    return bodies


def deletion_spans(source_text: str, tree: ast.Module, lines, statements: Sequence[ast.stmt]) -> Tuple[str, List[Replacement]]:
    """The splices that delete ``statements`` (small statements of ``tree``), as
    replacements of the text libcst works on (the text plus a last newline when it has
    none; returned first), and raise ``NotSure`` where the rules may not hold.
    """
    check_round_trip(source_text)
    text = _Text(source_text, lines)
    for statement in statements:
        if isinstance(statement, _COMPOUND) or not isinstance(statement, ast.stmt):
            raise NotSure(f"not a small statement: {type(statement).__name__}")
    deleted = {id(s) for s in statements}
    # the blocks holding a deleted statement, and whether they are one-line bodies
    parents: Dict[int, Tuple[List[ast.stmt], bool]] = {}
    wanted = set(deleted)
    stack: List[Tuple[List[ast.stmt], bool]] = [(tree.body, False)]
    while stack and wanted:
        body, indented = stack.pop()
        for statement in body:
            if id(statement) in wanted:
                parents[id(body)] = (body, indented)
                wanted.discard(id(statement))
            if isinstance(statement, _COMPOUND):
                stack.extend((inner, True) for inner in _bodies(statement))
    if wanted:
        raise NotSure("a deleted statement is not in a block of the tree")
    spans: List[_Span] = []
    for body, indented in parents.values():
        if indented and _indentation(text, body[0]) is None:
            spans += _suite_spans(text, body, deleted)
            continue
        strip_first = True
        if not indented:
            header_end = _first_line(body[0]) - 1
            strip_first = header_end == 0 or not text.is_comment_line(header_end)
            if any(not text.is_empty_line(line) for line in range(1, header_end + 1)):
                raise NotSure("the module header holds more than blank and comment lines")
        items = _items(text, body)
        spans += _block_spans(text, items, deleted, indented, strip_first)
        for item in items:
            inside = [s for s in item.statements if id(s) in deleted]
            if inside and len(inside) < len(item.statements):
                spans += _line_spans(text, item.statements, deleted)
    _check_module_footer(text, tree.body)
    return text.work, [Replacement(start, end, new) for start, end, new in spans]

