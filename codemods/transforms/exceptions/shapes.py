"""Syntactic questions about handler bodies (no scope needed): what a body does,
where the jumps of a ``finally`` are, which calls a ``try`` body makes."""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import libcst as cst

#: nodes whose bodies run later or elsewhere, not as part of the statement around them
NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


def small_statements(block: cst.BaseSuite) -> Iterator[cst.CSTNode]:
    """The statements of a block, simple ones split at ``;``; compound ones whole."""
    if isinstance(block, cst.SimpleStatementSuite):
        yield from block.body
        return
    for statement in block.body:
        if isinstance(statement, cst.SimpleStatementLine):
            yield from statement.body
        else:
            yield statement


def _is_none(node: Optional[cst.BaseExpression]) -> bool:
    return node is None or isinstance(node, cst.Name) and node.value == "None"


def swallowing(block: cst.BaseSuite) -> Optional[str]:
    """What a handler body does when it only swallows the error (``pass``, ``...``, a
    string, ``continue``, ``break``, a ``return`` of nothing), else None."""
    kinds: List[str] = []
    for statement in small_statements(block):
        if isinstance(statement, cst.Pass):
            kinds.append("pass")
        elif isinstance(statement, cst.Expr) and isinstance(
                statement.value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)):
            kinds.append("pass")
        elif isinstance(statement, cst.Continue):
            kinds.append("continue")
        elif isinstance(statement, cst.Break):
            kinds.append("break")
        elif isinstance(statement, cst.Return) and _is_none(statement.value):
            kinds.append("return None")
        else:
            return None
    for kind in ("return None", "continue", "break", "pass"):
        if kind in kinds:
            return kind
    return None


class _Walker(cst.CSTVisitor):
    """Collects nodes of the statement it walks, not entering nested scopes."""

    def __init__(self, wanted: Tuple[type, ...]) -> None:
        super().__init__()
        self.wanted = wanted
        self.found: List[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, self.wanted):
            self.found.append(node)
        return not isinstance(node, NESTED_SCOPES)


def nodes_in(node: cst.CSTNode, kinds: Tuple[type, ...]) -> List[cst.CSTNode]:
    """Every node of ``kinds`` in ``node`` outside nested functions, lambdas and classes."""
    walker = _Walker(kinds)
    node.visit(walker)
    return walker.found


def has_bare_raise(block: cst.BaseSuite) -> bool:
    return any(isinstance(r, cst.Raise) and r.exc is None for r in nodes_in(block, (cst.Raise,)))


def deletes(block: cst.CSTNode, name: str) -> bool:
    """``del name`` anywhere in ``block`` (nested scopes included: a ``nonlocal`` may reach it)."""
    found = []

    class _Deletes(cst.CSTVisitor):
        def visit_Del(self, node: cst.Del) -> None:
            targets = [node.target]
            while targets:
                target = targets.pop()
                if isinstance(target, cst.Name) and target.value == name:
                    found.append(target)
                elif isinstance(target, (cst.Tuple, cst.List)):
                    targets.extend(e.value for e in target.elements)

    block.visit(_Deletes())
    return bool(found)


def touches_traceback(block: cst.CSTNode, name: str) -> bool:
    """``name.with_traceback(...)`` or ``name.__traceback__`` in ``block``: a bare
    ``raise`` and ``raise name`` may then carry different tracebacks."""
    for attribute in nodes_in(block, (cst.Attribute,)):
        assert isinstance(attribute, cst.Attribute)
        if isinstance(attribute.value, cst.Name) and attribute.value.value == name \
                and attribute.attr.value in ("with_traceback", "__traceback__"):
            return True
    return False


def jumps_in_finally(block: cst.BaseSuite) -> List[cst.CSTNode]:
    """``return`` anywhere in a ``finally`` body, ``break``/``continue`` outside the
    loops it holds (nested scopes excluded)."""
    found: List[cst.CSTNode] = []

    def walk(node: cst.CSTNode, in_loop: bool) -> None:
        if isinstance(node, NESTED_SCOPES):
            return
        if isinstance(node, cst.Return) or isinstance(node, (cst.Break, cst.Continue)) and not in_loop:
            found.append(node)
            return
        if isinstance(node, (cst.For, cst.While)):
            walk(node.body, True)
            if node.orelse is not None:
                walk(node.orelse, in_loop)  # ``else`` of a loop is outside it
            if isinstance(node, cst.For):
                walk(node.iter, in_loop)
            return
        for child in node.children:
            walk(child, in_loop)

    walk(block, False)
    return found
