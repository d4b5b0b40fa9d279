"""A cheap scope pass over the ``ast`` tree for the unused-imports and
unused-variables detectors (no libcst: clean files must stay cheap).

It resolves every read to the scope that binds the name, in Python's rules
(``global``/``nonlocal``, class bodies invisible to nested scopes, comprehensions as
scopes), so a name read only where a local shadows it still counts as unread. Where
it approximates (defaults and decorators are taken as inside the function), it errs
towards "unread": a detector may say yes too often, never no wrongly.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Set, Tuple

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_MATCH_CAPTURES = tuple(getattr(ast, n) for n in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, n))


class Scope:
    __slots__ = ("node", "parent", "kind", "bound", "variables", "declared", "reads", "imports")

    def __init__(self, node: ast.AST, parent: Optional["Scope"], kind: str) -> None:
        self.node = node
        self.parent = parent
        self.kind = kind  # module | function | lambda | class | comprehension
        self.bound: Set[str] = set()
        #: names bound by assignment-like statements (what unused-variables may drop)
        self.variables: Set[str] = set()
        self.declared: Dict[str, str] = {}
        self.reads: Set[str] = set()
        #: (bound name, key, statement) of every import made here
        self.imports: List[Tuple[str, tuple, ast.stmt]] = []


def binding_scope(scope: Scope, name: str) -> Scope:
    current, first = scope, True
    while current.parent is not None:
        declared = current.declared.get(name)
        if declared == "global":
            break
        if declared is None and (first or current.kind != "class") and name in current.bound:
            return current
        current, first = current.parent, False
    while current.parent is not None:
        current = current.parent
    return current


_last: List[tuple] = []  # (tree, scopes): both detectors run on the same shared tree


def analyse(tree: ast.Module) -> List[Scope]:
    """Every scope of the module with its bindings and the reads resolved to it."""
    if _last and _last[0][0] is tree:
        return _last[0][1]
    scopes = _analyse(tree)
    _last[:] = [(tree, scopes)]
    return scopes


def _analyse(tree: ast.Module) -> List[Scope]:
    module = Scope(tree, None, "module")
    scopes = [module]
    loads: List[Tuple[Scope, str]] = []
    pending: List[Tuple[ast.AST, Scope]] = [(tree, module)]
    while pending:
        node, scope = pending.pop()
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                scope.bound.add(child.name)
                inner = Scope(child, scope, "class" if isinstance(child, ast.ClassDef) else "function")
            elif isinstance(child, ast.Lambda):
                inner = Scope(child, scope, "lambda")
            elif isinstance(child, _COMPREHENSIONS):
                inner = Scope(child, scope, "comprehension")
            if inner is not scope:
                scopes.append(inner)
            _note(child, inner, loads)
            pending.append((child, inner))
    for scope in scopes:
        scope.bound -= set(scope.declared)
        scope.variables -= set(scope.declared)
    for scope, name in loads:
        binding_scope(scope, name).reads.add(name)
        if scope.kind == "class" and scope.parent is not None:
            binding_scope(scope.parent, name).reads.add(name)  # class bodies fall back outwards
    return scopes


def _note(node: ast.AST, scope: Scope, loads: List[Tuple[Scope, str]]) -> None:
    if isinstance(node, ast.Name):
        if isinstance(node.ctx, ast.Store):
            scope.bound.add(node.id)
            scope.variables.add(node.id)
        else:
            loads.append((scope, node.id))
    elif isinstance(node, ast.arg):
        scope.bound.add(node.arg)
    elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        loads.append((scope, node.target.id))
    elif isinstance(node, ast.ExceptHandler) and node.name:
        scope.bound.add(node.name)
        scope.variables.add(node.name)
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        kind = "global" if isinstance(node, ast.Global) else "nonlocal"
        for name in node.names:
            scope.declared[name] = kind
            loads.append((scope, name))
    elif isinstance(node, ast.Import):
        for alias in node.names:
            bound = alias.asname or alias.name.split(".", 1)[0]
            scope.bound.add(bound)
            scope.imports.append((bound, ("import", alias.name, alias.asname), node))
    elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
        for alias in node.names:
            if alias.name != "*":
                bound = alias.asname or alias.name
                scope.bound.add(bound)
                scope.imports.append((bound, ("from", node.level, node.module, alias.name, alias.asname), node))
    elif isinstance(node, _MATCH_CAPTURES):
        name = getattr(node, "name", None) or getattr(node, "rest", None)
        if name:
            scope.bound.add(name)
