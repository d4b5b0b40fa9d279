"""Which syntax of newer Pythons a file uses, found with libcst's parser (it knows
the grammars up to 3.14 whatever Python runs it).

Run in a child process by ``codemods.engine.newer_syntax`` (libcst's native parser
can crash the process or take minutes on pathological input, and a file CPython
refused may be anything): the source on stdin, a JSON list on stdout of
``[major, minor, feature, first line, first column, last line]``, one entry per
construct that needs a Python newer than 3.9.
"""

from __future__ import annotations

import ast
import json
import sys
from typing import List, Optional, Tuple

import libcst as cst

from codemods.cst.metadata import code_with_positions

Feature = Tuple[int, int, str, int, int, int]

#: f-strings the running Python refuses although libcst (PEP 701) accepts them
PEP_701 = "PEP 701 f-string: quotes, backslashes or comments inside the braces"


#: the node classes that may be newer syntax (a quick first test for every node)
_KINDS = frozenset((cst.Match, cst.ExceptStarHandler, cst.Index, cst.Annotation, cst.TypeParameters, cst.TypeParam,
                    cst.TypeAlias, cst.FormattedString, cst.TemplatedString))


def _feature(node: cst.CSTNode) -> Optional[Tuple[Tuple[int, int], str]]:
    """The newer syntax ``node`` is, with the Python that brought it; None for none."""
    if isinstance(node, cst.Match):
        return (3, 10), "match statement"
    if isinstance(node, cst.ExceptStarHandler):
        return (3, 11), "except*"
    if isinstance(node, cst.Index) and node.star:
        return (3, 11), "star unpacking in a subscript"
    if isinstance(node, cst.Annotation) and isinstance(node.annotation, cst.StarredElement):
        return (3, 11), "starred annotation"
    if isinstance(node, cst.TypeParameters):
        return (3, 12), "type parameter syntax"
    if isinstance(node, cst.TypeParam) and node.default is not None:
        return (3, 13), "type parameter default"
    if isinstance(node, cst.TypeAlias):
        return (3, 12), "type alias statement"
    if isinstance(node, cst.FormattedString) and sys.version_info < (3, 12):
        try:
            ast.parse("(" + cst.Module([]).code_for_node(node) + ")", mode="eval")
        except SyntaxError:
            return (3, 12), PEP_701
    if isinstance(node, cst.TemplatedString):
        return (3, 14), "template string (t-string)"
    return None


def features(text: str) -> List[Feature]:
    """Each construct of a newer Python: its version, name, first line and column, and
    the last line of the statement holding it (an older parser may trip on a later
    line of that statement: 3.11 reads ``f'{' '.join(x)}'`` as two strings and
    fails on the next part of an implicit concatenation)."""
    module = cst.parse_module(text)
    _, positions = code_with_positions(module)  # one code generation gives every node's span
    found: List[Feature] = []
    statements: List[Tuple[int, int]] = []
    for node in positions:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            span = positions[node]
            statements.append((span.start.line, span.end.line))
        if type(node) not in _KINDS:
            continue
        feature = _feature(node)
        if feature is not None:
            (major, minor), name = feature
            span = positions[node]
            found.append((major, minor, name, span.start.line, span.start.column + 1, span.end.line))
    return sorted(((major, minor, name, line, column, _statement_end(statements, line, last))
                   for major, minor, name, line, column, last in found), key=lambda f: (f[3], f[4]))


def _statement_end(statements: List[Tuple[int, int]], line: int, last: int) -> int:
    """The last line of the innermost statement around ``line`` (``last`` if none)."""
    around = [s for s in statements if s[0] <= line <= s[1]]
    if not around:
        return last
    innermost = max(around, key=lambda s: (s[0], -s[1]))
    return max(innermost[1], last)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 12000))
    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        found = features(text)
    except (cst.ParserSyntaxError, RecursionError):
        found = []
    sys.stdout.write(json.dumps(found))


if __name__ == "__main__":
    main()
