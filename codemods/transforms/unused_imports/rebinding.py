"""``shadowing`` on ``ast``: the import a later ``def``, ``class`` or assignment of
the same block rebinds before anything can read it (pyflakes F811). The rules are
``shadowing``'s (see its docstring); a "name" here is whatever libcst spells as a
``Name`` node other than an attribute, a keyword argument's or a parameter's name:
reads, but also targets, ``def``/``class`` names, imported names, ``global`` names.
"""

from __future__ import annotations

import ast
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

from codemods.splice.positions import LineIndex
from codemods.transforms.unused_imports.statement_lines import group_lines, is_suite

_Defs = (ast.FunctionDef, ast.AsyncFunctionDef)
#: one of libcst's statement lines: the small statements of a line, or a compound statement
Line = List[ast.stmt]


def _own_names(node: ast.AST) -> Iterator[str]:
    """The names ``node`` itself spells (not those of its children)."""
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
    elif isinstance(node, ast.alias):
        yield node.name.split(".", 1)[0]
        if node.asname is not None:
            yield node.asname
    elif isinstance(node, ast.ImportFrom):
        if node.module:
            yield node.module.split(".", 1)[0]
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        yield from node.names
    elif isinstance(node, ast.ExceptHandler):
        if node.name is not None:
            yield node.name
    elif type(node).__name__ in ("MatchAs", "MatchStar", "TypeVar", "ParamSpec", "TypeVarTuple"):
        if getattr(node, "name", None):
            yield node.name  # type: ignore[attr-defined]
    elif type(node).__name__ == "MatchMapping":
        if node.rest:  # type: ignore[attr-defined]
            yield node.rest  # type: ignore[attr-defined]
    elif type(node).__name__ == "MatchClass":
        yield from node.kwd_attrs  # type: ignore[attr-defined]


def _parameter_parts(arguments: ast.arguments) -> List[ast.AST]:
    """What a parameter list evaluates: annotations and defaults (not the names)."""
    parts: List[ast.AST] = []
    for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs + [arguments.vararg, arguments.kwarg]:
        if a is not None and a.annotation is not None:
            parts.append(a.annotation)
    parts.extend(d for d in arguments.defaults + arguments.kw_defaults if d is not None)
    return parts


def _children(node: ast.AST) -> Iterator[ast.AST]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.arguments):
            yield from _parameter_parts(child)
        elif isinstance(child, ast.keyword):
            yield child.value
        elif not isinstance(child, ast.arg):
            yield child
    if isinstance(node, ast.arg) and node.annotation is not None:
        yield node.annotation


def deferred_names(nodes: Sequence[ast.AST]) -> Set[str]:
    """The names spelled inside function and lambda bodies under ``nodes``."""
    found: Set[str] = set()
    pending: List[Tuple[ast.AST, bool]] = [(n, False) for n in nodes]
    while pending:
        node, deferred = pending.pop()
        if deferred:
            found.update(_own_names(node))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            pending.extend((s, True) for s in body)
            others = [c for c in _children(node) if not any(c is s for s in body)]
            pending.extend((c, deferred) for c in others)
        else:
            pending.extend((c, deferred) for c in _children(node))
    return found


class Blocks:
    """Every statement line of the module's and the functions' indented bodies (its
    body, index, and whether it is a function's), and the names spelled inside
    function and lambda bodies."""

    def __init__(self, tree: ast.Module, lines: LineIndex) -> None:
        self.where: Dict[int, Tuple[List[Line], int, bool]] = {}
        self._note(tree.body, False, lines)
        for node in ast.walk(tree):
            if isinstance(node, _Defs) and not is_suite(node.body, lines):
                self._note(node.body, True, lines)
        self.deferred_reads = deferred_names([tree])

    def _note(self, body: Sequence[ast.stmt], in_function: bool, lines: LineIndex) -> None:
        groups = group_lines(body, lines)
        for index, group in enumerate(groups):
            self.where[id(group[0])] = (groups, index, in_function)


class _Between:
    """What runs between the import and the rebinding: does it spell the name
    (outside function bodies), can it call anything?"""

    def __init__(self, name: str) -> None:
        self.name = name
        self.reads = False
        self.calls = False

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, _Defs):
            for part in node.decorator_list + _parameter_parts(node.args) + (
                    [node.returns] if node.returns is not None else []):
                self.visit(part)
            self.calls = self.calls or bool(node.decorator_list)
            return  # the body runs later
        if isinstance(node, ast.Lambda):
            for part in _parameter_parts(node.args):
                self.visit(part)
            return
        if isinstance(node, ast.ClassDef) and (node.bases or node.keywords or node.decorator_list):
            self.calls = True  # a metaclass or ``__init_subclass__`` may run code; a decorator runs
        elif isinstance(node, ast.Call):
            self.calls = True
        if self.name in _own_names(node):
            self.reads = True
        for child in _children(node):
            self.visit(child)


def _evaluated_before_binding(line: Line, name: str) -> Optional[List[ast.AST]]:
    """The parts ``line`` evaluates before it binds ``name`` unconditionally with a
    ``def``, a ``class`` or an assignment (None: it does not bind it so)."""
    statement = line[0]
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        if statement.name != name:
            return None
        parts: List[ast.AST] = list(statement.decorator_list)
        if isinstance(statement, _Defs):
            parts.extend(_parameter_parts(statement.args))
            if statement.returns is not None:
                parts.append(statement.returns)
        else:
            parts.extend(statement.bases)
            parts.extend(k.value for k in statement.keywords)
            parts.extend(statement.body)  # a class body runs before the name is bound
        return parts
    if len(line) > 1 or not _is_compound_like(statement):
        before: List[ast.AST] = []
        for small in line:
            if isinstance(small, ast.Assign) and all(isinstance(t, ast.Name) for t in small.targets) \
                    and any(t.id == name for t in small.targets):  # type: ignore[attr-defined]
                return before + [small.value]
            if isinstance(small, ast.AnnAssign) and small.value is not None \
                    and isinstance(small.target, ast.Name) and small.target.id == name:
                return before + [small.annotation, small.value]
            before.append(small)
    return None


def _is_compound_like(statement: ast.stmt) -> bool:
    from codemods.transforms.unused_imports.statement_lines import is_compound

    return is_compound(statement)


def shadowing_line(blocks: Blocks, line: Optional[Line], statement: ast.stmt, name: str) -> Optional[Line]:
    """The line that rebinds the name ``statement`` imports before anything can read
    the import, or None. ``line`` is the statement line holding ``statement`` (None:
    a one-line suite's)."""
    if line is None or id(line[0]) not in blocks.where:
        return None
    suite, index, in_function = blocks.where[id(line[0])]
    between = _Between(name)
    position = next((i for i, small in enumerate(line) if small is statement), None)
    if position is None:
        return None
    for small in line[position + 1:]:
        between.visit(small)  # the rest of the import's line (a rebinding there is not looked for)
    for following in suite[index + 1:]:
        evaluated = _evaluated_before_binding(following, name)
        for part in evaluated if evaluated is not None else following:
            between.visit(part)
        if between.reads:
            return None
        if evaluated is not None:
            if in_function:
                return None if name in deferred_names([s for g in suite for s in g]) else following
            return None if name in blocks.deferred_reads and between.calls else following
    return None


