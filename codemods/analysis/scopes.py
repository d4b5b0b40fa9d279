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


_AST = ast.AST


def children(node: ast.AST) -> List[ast.AST]:
    """``ast.iter_child_nodes`` without its generators (twice as fast on big trees)."""
    found: List[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            found.extend(item for item in value if isinstance(item, _AST))
        elif isinstance(value, _AST):
            found.append(value)
    return found


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


#: node class -> the kind of scope it opens
_SCOPE_KINDS = {ast.FunctionDef: "function", ast.AsyncFunctionDef: "function", ast.ClassDef: "class",
                ast.Lambda: "lambda", **{c: "comprehension" for c in _COMPREHENSIONS}}
#: node classes ``_note`` looks at; everything else only holds children
_NOTED = frozenset({ast.Name, ast.arg, ast.AugAssign, ast.ExceptHandler, ast.Global, ast.Nonlocal, ast.Import,
                    ast.ImportFrom, *_MATCH_CAPTURES})
#: node classes without children worth visiting (contexts, operators, constants)
_LEAVES = frozenset(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.AST) and (
    issubclass(c, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)) or c is ast.Constant))


def _analyse(tree: ast.Module) -> List[Scope]:
    module = Scope(tree, None, "module")
    scopes = [module]
    loads: List[Tuple[Scope, str]] = []
    pending: List[Tuple[ast.AST, Scope]] = [(tree, module)]
    scope_kinds, noted, leaves = _SCOPE_KINDS, _NOTED, _LEAVES
    while pending:
        node, scope = pending.pop()
        for child in children(node):
            cls = child.__class__
            if cls in leaves:
                continue
            inner = scope
            kind = scope_kinds.get(cls)
            if kind is not None:
                if kind == "function" or kind == "class":
                    scope.bound.add(child.name)  # type: ignore[attr-defined]
                inner = Scope(child, scope, kind)
                scopes.append(inner)
            if cls in noted:
                _note(child, inner, loads)
            if cls is not ast.Name:
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
