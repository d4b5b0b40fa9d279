"""Imports rebound before anything can read them (pyflakes' F811):

    from json import dumps      # dead: ``dumps`` is rebound below before any read
    import os

    def dumps(obj): ...

An import is dead when a later statement *of the same block* rebinds its name with a
``def``, a ``class`` or a plain assignment, and no code can run between the two that
reads the imported binding:

* no read of the name between them, counting what the rebinding statement itself
  evaluates first (decorators, defaults, annotations, base classes, a class body, the
  assigned value), and ``del``, ``+=`` or ``global`` of it;
* a read inside a function or lambda body runs when it is called: it sees the
  import only if a call can happen between the two statements. So when any function
  of the module reads the name, nothing between them may call (a call, a decorator,
  a class statement with bases); inside a function, a read in a nested function or
  lambda keeps the import (the function may stop between the two statements and
  leave a closure holding it);
* the block is the module's body or a function's body, not the body of an ``if``,
  ``try``, loop or ``with``: there an exception, ``break`` or a skipped branch can
  leave the import as the binding later code reads.

Only the statements of one block are compared, so a conditional redefinition (``try:
from x import y`` / ``except ImportError: def y(...)``, ``if TYPE_CHECKING:``) is never
one.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

_Suites = Dict[int, Tuple[Sequence[cst.BaseStatement], int, bool]]


class _Names(cst.CSTVisitor):
    """Visits what names read: not attribute names, keyword names or parameter names."""

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        for part in (node.annotation, node.default):
            if part is not None:
                part.visit(self)
        return False


class _Blocks(_Names):
    """Every statement line of a module or function body (its body, index, and
    whether it is a function's), and the names read inside function and lambda bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.where: _Suites = {}
        self.deferred_reads: Set[str] = set()
        self.depth = 0

    def _note(self, body: Sequence[cst.BaseStatement], in_function: bool) -> None:
        for index, statement in enumerate(body):
            if isinstance(statement, cst.SimpleStatementLine):
                self.where[id(statement)] = (body, index, in_function)

    def visit_Module(self, node: cst.Module) -> None:
        self._note(node.body, False)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if isinstance(node.body, cst.IndentedBlock):
            self._note(node.body.body, True)

    def visit_FunctionDef_body(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef_body(self, node: cst.FunctionDef) -> None:
        self.depth -= 1

    def visit_Lambda_body(self, node: cst.Lambda) -> None:
        self.depth += 1

    def leave_Lambda_body(self, node: cst.Lambda) -> None:
        self.depth -= 1

    def visit_Name(self, node: cst.Name) -> None:
        if self.depth:
            self.deferred_reads.add(node.value)


def index_blocks(module: cst.Module) -> _Blocks:
    blocks = _Blocks()
    module.visit(blocks)
    return blocks


def _evaluated_before_binding(statement: cst.BaseStatement, name: str) -> Optional[List[cst.CSTNode]]:
    """The parts ``statement`` evaluates before it binds ``name`` unconditionally with
    a ``def``, a ``class`` or an assignment (None: it does not bind it so)."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        if statement.name.value != name:
            return None
        parts: List[cst.CSTNode] = [d.decorator for d in statement.decorators]
        if isinstance(statement, cst.FunctionDef):
            parts.append(statement.params)
            if statement.returns is not None:
                parts.append(statement.returns)
        else:
            parts.extend(statement.bases)
            parts.extend(statement.keywords)
            parts.append(statement.body)  # a class body runs before the name is bound
        return parts
    if isinstance(statement, cst.SimpleStatementLine):
        before: List[cst.CSTNode] = []
        for small in statement.body:
            if isinstance(small, cst.Assign) and all(isinstance(t.target, cst.Name) for t in small.targets) \
                    and any(t.target.value == name for t in small.targets):  # type: ignore[attr-defined]
                return before + [small.value]
            if isinstance(small, cst.AnnAssign) and small.value is not None \
                    and isinstance(small.target, cst.Name) and small.target.value == name:
                return before + [small.annotation, small.value]
            before.append(small)
    return None


class _Between(_Names):
    """What runs between the import and the rebinding: does it read the name (outside
    function bodies), can it call anything?"""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.reads = False
        self.calls = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for part in [d.decorator for d in node.decorators] + [node.params] + (
                [node.returns] if node.returns is not None else []):
            part.visit(self)
        self.calls = self.calls or bool(node.decorators)
        return False  # the body runs later

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        node.params.visit(self)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if node.bases or node.keywords:
            self.calls = True  # a metaclass or ``__init_subclass__`` may run code

    def visit_Decorator(self, node: cst.Decorator) -> None:
        self.calls = True

    def visit_Call(self, node: cst.Call) -> None:
        self.calls = True

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.reads = True


def shadowing_statement(blocks: _Blocks, line: Optional[cst.SimpleStatementLine],
                        statement: cst.BaseSmallStatement, name: str) -> Optional[cst.BaseStatement]:
    """The statement that rebinds the name ``statement`` imports before anything can
    read the import, or None."""
    if line is None or id(line) not in blocks.where:
        return None
    suite, index, in_function = blocks.where[id(line)]
    between = _Between(name)
    position = next((i for i, small in enumerate(line.body) if small is statement), None)
    if position is None:
        return None
    for small in line.body[position + 1:]:
        small.visit(between)  # the rest of the import's line (a rebinding there is not looked for)
    for following in suite[index + 1:]:
        evaluated = _evaluated_before_binding(following, name)
        for part in evaluated if evaluated is not None else [following]:
            part.visit(between)
        if between.reads:
            return None
        if evaluated is not None:
            if in_function:
                return None if _read_in_nested_bodies(suite, name) else following
            return None if name in blocks.deferred_reads and between.calls else following
    return None


def _read_in_nested_bodies(suite: Sequence[cst.BaseStatement], name: str) -> bool:
    """A function or lambda defined in ``suite`` (a function's body) reads ``name``:
    a closure that may outlive a stop between the import and its rebinding."""
    nested = _Blocks()
    for statement in suite:
        statement.visit(nested)
    return name in nested.deferred_reads
