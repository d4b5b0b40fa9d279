"""The cheap ``ast`` detector of ``exceptions``: yes whenever the rewriter may change
or report something (it may say yes more often; never no where it acts)."""

from __future__ import annotations

import ast
from typing import Iterator, List, Optional

from codemods.transforms.exceptions.classes import ALIAS_LAST_NAMES, is_builtin_exception_name

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_TRY_STAR = getattr(ast, "TryStar", ())


def _own_nodes(nodes: List[ast.AST]) -> Iterator[ast.AST]:
    """The nodes under ``nodes``, not entering nested functions, lambdas and classes."""
    pending = list(nodes)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, _SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def _last_name(node: ast.AST) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _elements(handler: ast.ExceptHandler) -> List[ast.AST]:
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def _handler_may_act(handler: ast.ExceptHandler, unsafe: bool) -> bool:
    if handler.type is None:
        return True  # E722 fixes, naming needs a type, swallowed broad handler
    names = [_last_name(e) for e in _elements(handler)]
    if isinstance(handler.type, ast.Tuple) and len(names) > 1:
        return True  # duplicates, aliases, subclasses
    if any(n in ("Exception", "BaseException") for n in names):
        return True  # may swallow
    for node in _own_nodes(handler.body):
        if isinstance(node, ast.Raise) and node.exc is not None and node.cause is None:
            return True
        if unsafe and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "error":
            return True
    return False


def _handlers_overlap(handlers: List[ast.ExceptHandler]) -> bool:
    """A later handler names a class an earlier one names, or two name built-ins (B025)."""
    seen = set()
    builtins_seen = 0
    for handler in handlers:
        names = {ast.dump(e) for e in _elements(handler)}
        if names & seen:
            return True
        seen |= names
        builtin_names = [n for n in (_last_name(e) for e in _elements(handler))
                         if n is not None and (is_builtin_exception_name(n) or n in ALIAS_LAST_NAMES)]
        if builtin_names and builtins_seen:
            return True
        builtins_seen += len(builtin_names)
    return False


def may_apply(tree: ast.Module, unsafe: bool) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Try,) + ((_TRY_STAR,) if _TRY_STAR else ())):
            if node.finalbody:
                for inner in _own_nodes(node.finalbody):
                    if isinstance(inner, (ast.Return, ast.Break, ast.Continue)):
                        return True
            if any(_handler_may_act(h, unsafe) for h in node.handlers):
                return True
            if _handlers_overlap(node.handlers):
                return True
    return False
