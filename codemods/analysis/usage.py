"""Who reads which name, on ``ast``: the exact counterpart of
``codemods.cst.scope_usage`` (libcst's ScopeProvider plus that module's corrections),
for the unused pair's decisions without libcst.

API (the same as ``codemods.cst.scope_usage.ModuleUsage``, with ``Scope`` below in
place of libcst's scopes). Tests run both analyses and require identical answers.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Set


class Binding:
    """One assignment of a name in a scope, as libcst's ``scope.assignments`` lists it."""

    __slots__ = ("name", "kind", "node", "statement")

    def __init__(self, name: str, kind: str, node: ast.AST, statement: Optional[ast.AST] = None) -> None:
        self.name = name
        #: "import" | "param" | "name" | "def" | "class" | "except" | "match" | ...
        self.kind = kind
        #: for an import: the ``ast.alias``; for a parameter: the ``ast.arg``; else the
        #: binding node (``ast.Name``, the def, the class, the handler...)
        self.node = node
        #: for an import: the ``ast.Import``/``ast.ImportFrom`` statement
        self.statement = statement


class Scope:
    __slots__ = ("node", "parent", "kind", "assignments")

    def __init__(self, node: ast.AST, parent: Optional["Scope"], kind: str) -> None:
        #: ast.Module, FunctionDef, AsyncFunctionDef, Lambda, ClassDef, or a comprehension
        self.node = node
        self.parent = parent  # None for the module
        self.kind = kind  # module | function | lambda | class | comprehension
        #: name -> its bindings here, in source order (libcst's ``scope.assignments``)
        self.assignments: Dict[str, List[Binding]] = {}


class ModuleUsage:
    """See ``codemods.cst.scope_usage.ModuleUsage``: same fields, same methods."""

    def scope_of(self, node: ast.AST) -> Scope:
        """The scope ``node`` (a statement, an expression, an alias, a handler, a
        ``withitem``) is in, as libcst's ScopeProvider gives it for the matching node."""
        raise NotImplementedError


def analyse_usage(tree: ast.Module, text: str) -> ModuleUsage:
    """The read index of ``tree`` (the ``ast`` of ``text``)."""
    raise NotImplementedError
