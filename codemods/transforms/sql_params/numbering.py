"""Numeric placeholders (``:1``) numbered at run time, for a query whose values are
added on some paths only (``+=`` under an ``if`` or in a loop): each ``+=`` numbers
its placeholders after the values already in the parameter list,
``" AND name = :" + str(len(params) + 1)``, and the list grows right after it.

The rebuilt literals first carry a private marker per placeholder (``runtime_mark``);
``number_at_runtime`` turns each marked literal into the expression that writes the
number. A second run recognises what it wrote (``runtime_number``).
"""

from __future__ import annotations

import re
from typing import List, Optional, Union

import libcst as cst

#: a base in SqlParamsRewriter._assign_marks: numbered at run time
RUNTIME = -1
_MARK = re.compile("\ue000(\\d+)\ue001")


def runtime_mark(position: int) -> str:
    """The placeholder text, in a rebuilt literal, of the ``position``-th value of a
    fragment numbered at run time."""
    return f":\ue000{position}\ue001"


def number_at_runtime(expr: cst.BaseExpression, params_name: str) -> Optional[cst.BaseExpression]:
    """``expr`` with every marked placeholder number written as ``len(params) + k``;
    None when a mark sits where that cannot be spelled (a ``%`` or ``.format``
    template, which would then format the number's expression too)."""
    if isinstance(expr, cst.SimpleString):
        return _split_simple(expr, params_name)
    if isinstance(expr, cst.FormattedString):
        return _split_fstring(expr, params_name)
    if isinstance(expr, cst.ConcatenatedString):
        if not _marked(expr):
            return expr
        parts: List[cst.BaseExpression] = []
        for string in _concatenated(expr):
            numbered = number_at_runtime(string, params_name)
            if numbered is None:
                return None
            parts.append(numbered)
        joined = parts[0]
        for part in parts[1:]:
            joined = cst.BinaryOperation(joined, cst.Add(), part)
        return joined.with_changes(lpar=expr.lpar or [cst.LeftParen()], rpar=expr.rpar or [cst.RightParen()])
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        left = number_at_runtime(expr.left, params_name)
        right = number_at_runtime(expr.right, params_name)
        if left is None or right is None:
            return None
        return expr.with_changes(left=left, right=right)
    return None if _marked(expr) else expr


def runtime_number(expr: cst.BaseExpression) -> bool:
    """``str(len(params) + 1)`` or ``len(params) + 1``: a placeholder number this
    codemod wrote (not a value)."""
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "str" \
            and len(expr.args) == 1:
        expr = expr.args[0].value
    return isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add) \
        and isinstance(expr.right, cst.Integer) and isinstance(expr.left, cst.Call) \
        and isinstance(expr.left.func, cst.Name) and expr.left.func.value == "len" and len(expr.left.args) == 1 \
        and isinstance(expr.left.args[0].value, cst.Name)


def _marked(node: cst.CSTNode) -> bool:
    return "\ue000" in cst.Module([]).code_for_node(node)


def _concatenated(node: cst.BaseExpression) -> List[cst.BaseExpression]:
    if isinstance(node, cst.ConcatenatedString):
        return _concatenated(node.left) + _concatenated(node.right)
    return [node]


def _number(params_name: str, position: str) -> cst.BaseExpression:
    return cst.parse_expression(f"len({params_name}) + {position}")


def _split_simple(node: cst.SimpleString, params_name: str) -> cst.BaseExpression:
    prefix, quote = node.prefix, node.quote
    body = node.value[len(prefix) + len(quote):len(node.value) - len(quote)]
    pieces = _MARK.split(body)
    if len(pieces) == 1:
        return node
    parts: List[cst.BaseExpression] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            parts.append(cst.Call(cst.Name("str"), [cst.Arg(_number(params_name, piece))]))
        elif piece:
            parts.append(cst.SimpleString(prefix + quote + piece + quote))
    joined = parts[0]
    for part in parts[1:]:
        joined = cst.BinaryOperation(joined, cst.Add(), part)
    return joined.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else joined


def _split_fstring(node: cst.FormattedString, params_name: str) -> cst.FormattedString:
    parts: List[Union[cst.FormattedStringText, cst.FormattedStringExpression]] = []
    for part in node.parts:
        if not isinstance(part, cst.FormattedStringText):
            parts.append(part)  # type: ignore[arg-type]
            continue
        for index, piece in enumerate(_MARK.split(part.value)):
            if index % 2:
                parts.append(cst.FormattedStringExpression(_number(params_name, piece)))
            elif piece:
                parts.append(cst.FormattedStringText(piece))
    return node.with_changes(parts=parts)
