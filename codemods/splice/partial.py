"""Partial edits of one statement as a text replacement, byte for byte what the libcst
rewriters give once libcst regenerates the module.

libcst keeps every character of the source in some node's whitespace, so removing a
node removes exactly the characters it owns. The rules below say, for each edit kind,
which characters those are; they are found from ``ast`` positions and a scan of the few
characters between two nodes (whitespace, commas, parentheses, ``=``, ``as``), which can
hold nothing else. Whatever does not look like that, or where libcst's split of the
whitespace is not certain (a backslash in an import list, a bracket the scan does not
expect), gives None: the caller then takes the libcst path.

No libcst import here: every shape the rules cover is plain text work.
"""

from __future__ import annotations

import ast
import re
from typing import List, Optional, Sequence, Tuple

from codemods.splice.plan import Edit, Replacement, SpliceSource

_Span = Tuple[int, int, str]
_AS = re.compile(r"as(?!\w)")
#: the characters of libcst's SimpleWhitespace, plus the line breaks and comments that
#: only whitespace inside brackets (ParenthesizedWhitespace) holds
_BLANK = re.compile(r"(?:[ \t\f]+|\\(?:\r\n|\r|\n)|#[^\r\n]*|\r\n|\r|\n)*")
_SIMPLE_BLANK = re.compile(r"(?:[ \t\f]+|\\(?:\r\n|\r|\n))*")
#: the first line of a ParenthesizedWhitespace: spaces, an optional comment, the line break
_FIRST_LINE = re.compile(r"[ \t\f]*(#[^\r\n]*)?(?=\r|\n)")


class NotSure(Exception):
    """Why an edit gets no replacement (the libcst path decides it)."""


def replacement_for(source: SpliceSource, edit: Edit) -> Optional[Replacement]:
    """The span of ``source.text`` that ``edit`` changes and its new text (None: not sure)."""
    try:
        return replacement_or_reason(source, edit)
    except NotSure:
        return None


def replacement_or_reason(source: SpliceSource, edit: Edit) -> Replacement:
    """``replacement_for``, raising NotSure with the reason instead of returning None."""
    handler = _HANDLERS.get(edit.kind)
    if handler is None:
        raise NotSure(f"not a partial edit: {edit.kind}")
    try:
        spans = handler(source, edit)
    except (AttributeError, IndexError, TypeError, ValueError) as error:
        # a node without the positions the rule reads (``alias`` has none before 3.10)
        raise NotSure(f"unexpected node: {type(error).__name__}") from error
    return _merged(source.text, spans)


def _merged(text: str, spans: Sequence[_Span]) -> Replacement:
    """One replacement covering disjoint spans (the text between them unchanged)."""
    ordered = sorted(spans)
    pieces: List[str] = []
    position = ordered[0][0]
    for start, end, new in ordered:
        if start < position or end < start:
            raise NotSure("overlapping spans")
        pieces.append(text[position:start])
        pieces.append(new)
        position = end
    return Replacement(ordered[0][0], position, "".join(pieces))


def _skip_blank(text: str, index: int) -> int:
    return _BLANK.match(text, index).end()


def _skip_simple(text: str, index: int) -> int:
    return _SIMPLE_BLANK.match(text, index).end()


def _past_closing(text: str, index: int) -> int:
    """Past the ``)`` that follow ``index`` (the parentheses of the node ending there)."""
    position = index
    while True:
        after = _skip_blank(text, position)
        if after >= len(text) or text[after] != ")":
            return position
        position = after + 1


def _after_equal(text: str, index: int) -> int:
    """From the end of an assignment target (or annotation): past its ``)``, the ``=`` and
    the whitespace after it, to where the next target or the value (its ``(``) starts."""
    position = _skip_blank(text, _past_closing(text, index))
    if position >= len(text) or text[position] != "=":
        raise NotSure("no `=` after a target")
    return _skip_simple(text, position + 1)


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise NotSure(reason)


# -- "rename" --------------------------------------------------------------------------

def _rename(source: SpliceSource, edit: Edit) -> List[_Span]:
    _require(isinstance(edit.node, ast.Name), "not a name")
    return [(source.lines.start_of(edit.node), source.lines.end_of(edit.node), "_")]


# -- "to-expression" and "drop-targets": libcst's AssignTarget owns its ``=`` ----------

def _to_expression(source: SpliceSource, edit: Edit) -> List[_Span]:
    node, lines = edit.node, source.lines
    if isinstance(node, ast.Assign):
        last = node.targets[-1]
    else:
        _require(isinstance(node, ast.AnnAssign) and node.value is not None, "not an assignment with a value")
        last = node.annotation
    value_start = _after_equal(source.text, lines.end_of(last))
    _require(value_start <= lines.start_of(node.value), "the value starts before the `=`")
    return [(lines.start_of(node), value_start, "")]


def _drop_targets(source: SpliceSource, edit: Edit) -> List[_Span]:
    node, lines, text = edit.node, source.lines, source.text
    _require(isinstance(node, ast.Assign) and len(edit.flags) == len(node.targets) and not all(edit.flags),
             "not an assignment keeping a target")
    # target i's node runs from its own ``(`` to the next target's (or the value's)
    starts = [lines.start_of(node)] + [_after_equal(text, lines.end_of(target)) for target in node.targets]
    _require(starts[-1] <= lines.start_of(node.value), "the value starts before the `=`")
    return [(starts[i], starts[i + 1], "") for i, drop in enumerate(edit.flags) if drop]


# -- "drop-handler-name" and "drop-with-name": libcst's AsName -------------------------

def _as_name(text: str, end_of_expression: int) -> Tuple[int, int]:
    """(where the AsName starts: past the expression's own ``)``; just past its ``as``)."""
    start = _past_closing(text, end_of_expression)
    keyword = _skip_blank(text, start)
    _require(_AS.match(text, keyword) is not None, "no `as` after the expression")
    return start, keyword + 2


def _drop_handler_name(source: SpliceSource, edit: Edit) -> List[_Span]:
    node, text = edit.node, source.text
    _require(isinstance(node, ast.ExceptHandler) and node.type is not None and node.name is not None,
             "not a named handler")
    start, after_as = _as_name(text, source.lines.end_of(node.type))
    name_start = _skip_simple(text, after_as)
    end = name_start + len(node.name)
    _require(name_start > after_as and text.startswith(node.name, name_start)
             and not (end < len(text) and (text[end].isalnum() or text[end] == "_")), "the name is not after `as`")
    return [(start, end, "")]


def _drop_with_name(source: SpliceSource, edit: Edit) -> List[_Span]:
    node, text, lines = edit.node, source.text, source.lines
    _require(isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name), "not `as` a name")
    start, position = _as_name(text, lines.end_of(node.context_expr))
    # the name's own parentheses: as many ``)`` after it as ``(`` before it
    opened = 0
    position = _skip_blank(text, position)
    while text[position] == "(":
        opened += 1
        position = _skip_blank(text, position + 1)
    _require(position == lines.start_of(node.optional_vars), "the name is not after `as`")
    end = lines.end_of(node.optional_vars)
    for _ in range(opened):
        close = _skip_blank(text, end)
        _require(text[close] == ")", "unbalanced parentheses around the name")
        end = close + 1
    return [(start, end, "")]


# -- "drop-names": ``_without_names`` of the unused-imports rewriter ---------------------

def _drop_names(source: SpliceSource, edit: Edit) -> List[_Span]:
    node, text, lines = edit.node, source.text, source.lines
    _require(isinstance(node, (ast.Import, ast.ImportFrom)) and len(edit.flags) == len(node.names)
             and any(edit.flags) and not all(edit.flags), "not an import keeping some of its names")
    keep = edit.flags
    starts = [lines.start_of(alias) for alias in node.names]
    ends = [lines.end_of(alias) for alias in node.names]
    statement_end = lines.end_of(node)
    # where libcst puts a backslash continuation between names is not worth modelling
    _require("\\" not in text[starts[0]:statement_end], "a backslash in the names")
    commas = []
    for end, next_start in zip(ends, starts[1:]):
        comma = _skip_blank(text, end)
        _require(text[comma] == "," and _skip_blank(text, comma + 1) == next_start, "odd text between names")
        commas.append(comma)
    rpar = statement_end - 1 if text[statement_end - 1] == ")" else None
    after_last = _skip_blank(text, ends[-1])
    trailing = after_last if after_last < statement_end and text[after_last] == "," else None
    if trailing is None:
        _require(after_last == (rpar if rpar is not None else ends[-1]) or rpar is None, "odd text after the names")
    else:
        _require(rpar is not None and _skip_blank(text, trailing + 1) == rpar, "odd text after the trailing comma")

    count = len(keep)
    last_kept = max(i for i in range(count) if keep[i])
    # a name that goes before the last kept one: its node (name, ``as``, comma and the
    # whitespace after it) runs to the next name
    spans: List[_Span] = [(starts[i], starts[i + 1], "") for i in range(last_kept) if not keep[i]]
    if last_kept == count - 1:
        return spans
    # the names after the last kept one go, and the last kept one takes an ending
    comma = commas[last_kept]
    next_start = starts[last_kept + 1]
    own = _FIRST_LINE.match(text, comma + 1, next_start)
    closing_start = trailing + 1 if trailing is not None else ends[-1]
    closing_parenthesized = rpar is not None and _FIRST_LINE.match(text, closing_start, rpar) is not None
    next_line = lines.line_start(lines.position(next_start)[0])
    if own is not None and (closing_parenthesized or own.group(1) is not None):
        # one name per line: this line keeps its comment (and the lines after it up to
        # the next name's), the ``)`` line stays as it was
        if closing_parenthesized:
            spans.append((next_line, lines.line_start(lines.position(rpar)[0]), ""))
        else:
            indent = _block_indent(source, node)
            spans.append((next_line, rpar, indent if text.startswith(indent, next_line) else ""))
    elif trailing is not None:
        spans.append((comma + 1, trailing + 1, ""))  # the kept comma takes the trailing one's whitespace
    else:
        spans.append((ends[last_kept], ends[-1], ""))
    return spans


def _block_indent(source: SpliceSource, node: ast.stmt) -> str:
    """The indentation libcst writes for a whitespace's ``indent`` flag: the block's,
    which is the statement's line's when the statement starts its line."""
    line_start = source.lines.line_start(node.lineno)
    prefix = source.text[line_start:source.lines.start_of(node)]
    _require(not prefix.strip(" \t"), "the import does not start its line")
    _require(node.lineno == 1 or not source.lines.line_text(node.lineno - 1, False).endswith("\\"),
             "the import's line continues another")
    return prefix


_HANDLERS = {
    "drop-names": _drop_names,
    "to-expression": _to_expression,
    "drop-targets": _drop_targets,
    "drop-handler-name": _drop_handler_name,
    "drop-with-name": _drop_with_name,
    "rename": _rename,
}
