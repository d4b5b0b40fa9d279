"""Walking ``ast`` trees quickly: the children of a node without
``ast.iter_child_nodes``' generators (about twice as fast on big trees)."""

from __future__ import annotations

import ast
from typing import List

_AST = ast.AST

#: node classes without children worth visiting (contexts, operators, constants)
LEAVES = frozenset(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.AST) and (
    issubclass(c, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)) or c is ast.Constant))


def children(node: ast.AST) -> List[ast.AST]:
    found: List[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            found.extend(item for item in value if isinstance(item, _AST))
        elif isinstance(value, _AST):
            found.append(value)
    return found
