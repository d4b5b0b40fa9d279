"""What a module says about its own namespace, on ``ast``: the counterpart of the
rewriter's ``_NamespaceFacts`` (``__all__`` in its forms, dynamic reads of the
namespace, duplicate imports, star re-exports, parameter names) for the ``ast`` plan.

``walk_in_order`` visits nodes in libcst's order (source order) and says which are
in the module's own scope as libcst's ScopeProvider places them: the first reason
found for a dynamic namespace is the one reported, so the order matters.
"""

from __future__ import annotations

import ast
from typing import Iterator, List, Optional, Sequence, Set, Tuple

from codemods.splice.positions import LineIndex
from codemods.transforms.unused_imports.rules import import_key
from codemods.transforms.unused_imports.statement_lines import (Undecidable, group_lines, indented_bodies, is_compound,
                                                               is_suite)

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def dotted(node: Optional[ast.AST]) -> str:
    """``a.b.c`` of a Name or an Attribute chain of names; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"  # ".x" for ``f().x``, as libcst's ``dotted``
    return ""


def string_value(node: ast.AST) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _start(node: ast.AST) -> Tuple[int, int]:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def call_arguments(call: ast.Call) -> List[ast.expr]:
    """The values of a call's arguments in source order (libcst's ``Call.args``)."""
    parts: List[ast.AST] = list(call.args) + list(call.keywords)
    parts.sort(key=_start)
    return [p.value if isinstance(p, (ast.Starred, ast.keyword)) else p for p in parts]  # type: ignore[misc]


def _children(node: ast.AST, at_module: bool) -> List[Tuple[ast.AST, bool]]:
    """Direct children with their scope flag, for a sort into source order."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        pairs = [(d, at_module) for d in getattr(node, "decorator_list", ())]
        arguments = node.args
        for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs + [arguments.vararg, arguments.kwarg]:
            if a is not None:
                pairs.append((a, at_module))  # a parameter's annotation: the enclosing scope
        pairs.extend((d, at_module) for d in arguments.defaults + arguments.kw_defaults if d is not None)
        if getattr(node, "returns", None) is not None:
            pairs.append((node.returns, at_module))
        pairs.extend((t, False) for t in getattr(node, "type_params", ()) or ())
        body = node.body if isinstance(node.body, list) else [node.body]
        pairs.extend((s, False) for s in body)
        return pairs
    if isinstance(node, ast.ClassDef):
        pairs = [(d, at_module) for d in node.decorator_list]
        pairs.extend((b, at_module) for b in node.bases)
        pairs.extend((k, at_module) for k in node.keywords)
        pairs.extend((t, False) for t in getattr(node, "type_params", ()) or ())
        pairs.extend((s, False) for s in node.body)
        return pairs
    if isinstance(node, _COMPREHENSIONS):
        pairs = []
        for index, generator in enumerate(node.generators):
            pairs.append((generator.target, False))
            pairs.append((generator.iter, at_module and index == 0))
            pairs.extend((i, False) for i in generator.ifs)
        elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        pairs.extend((e, False) for e in elements)
        return pairs
    if type(node).__name__ == "TypeAlias":
        return [(node.name, at_module)] + [(c, False) for c in ast.iter_child_nodes(node) if c is not node.name]
    return [(child, at_module) for child in ast.iter_child_nodes(node)]


def walk_in_order(node: ast.AST, at_module: bool = True) -> Iterator[Tuple[ast.AST, bool]]:
    """Every node under ``node`` (itself first) in source order, with whether libcst
    places it in the module's scope."""
    yield node, at_module
    pending: List[Tuple[ast.AST, bool]] = []
    for child, flag in _children(node, at_module):
        if hasattr(child, "lineno"):
            pending.append((child, flag))
        elif not isinstance(child, (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)):
            # arguments, comprehension, withitem, match_case: no position of their own
            for grandchild, _ in _children(child, flag):
                pending.extend(_positioned(grandchild, flag))
    pending.sort(key=lambda pair: _start(pair[0]))
    for child, flag in pending:
        yield from walk_in_order(child, flag)


def _positioned(node: ast.AST, flag: bool) -> Iterator[Tuple[ast.AST, bool]]:
    if hasattr(node, "lineno"):
        yield node, flag
    elif not isinstance(node, (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)):
        for child, _ in _children(node, flag):
            yield from _positioned(child, flag)


class NamespaceFacts:
    """``__all__``, dynamic reads of the module namespace, and duplicate imports."""

    def __init__(self, tree: ast.Module, lines: LineIndex, original: Optional[ast.Module] = None) -> None:
        self.exported: Set[str] = set()
        self.exports_unknown = False
        self.dynamic_reason: Optional[str] = None
        #: ids of the ``ast.alias`` nodes that repeat an import of their run of import lines
        self.duplicates: Set[int] = set()
        self.star_reexport = False
        self.parameters: Set[str] = set()
        self.has_all = False
        # judged on the file as the run found it: a module another codemod of the run
        # emptied down to its imports (dead-code) was no facade
        self.only_imports = imports_only(original if original is not None else tree)
        self._find_duplicates(tree.body, lines)
        for node, at_module in walk_in_order(tree):
            self._visit(node, at_module, lines)

    def _dynamic(self, reason: str) -> None:
        self.dynamic_reason = self.dynamic_reason or reason

    def _export(self, expression: ast.AST) -> None:
        if isinstance(expression, ast.Name) and expression.id == "__all__":
            return  # ``__all__ = __all__ + [...]``
        value = string_value(expression)
        if value is not None:
            self.exported.add(value)
        elif isinstance(expression, (ast.List, ast.Tuple, ast.Set)):
            for element in expression.elts:
                self._export(element.value if isinstance(element, ast.Starred) else element)
        elif isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add):
            self._export(expression.left)
            self._export(expression.right)
        else:
            self.exports_unknown = True

    def _visit(self, node: ast.AST, at_module: bool, lines: LineIndex) -> None:
        if isinstance(node, ast.Assign):
            if any(dotted(t) == "__all__" for t in node.targets) and at_module:
                self.has_all = True
                self._export(node.value)
        elif isinstance(node, ast.AnnAssign):
            if dotted(node.target) == "__all__" and node.value is not None and at_module:
                self.has_all = True
                self._export(node.value)
        elif isinstance(node, ast.AugAssign):
            if dotted(node.target) == "__all__" and at_module:
                self._export(node.value)
        elif isinstance(node, ast.Call):
            self._call(node, at_module)
        elif isinstance(node, ast.arg):
            self.parameters.add(node.arg)
        elif isinstance(node, ast.ImportFrom):
            if any(a.name == "*" for a in node.names) and at_module:
                self.star_reexport = True
        elif isinstance(node, ast.Attribute):
            if dotted(node) == "sys.modules":
                self._dynamic("reads sys.modules")
        elif isinstance(node, ast.Subscript):
            if dotted(node.value).endswith("modules") and dotted(node.slice) == "__name__":
                self._dynamic("reads sys.modules[__name__]")
        elif is_compound(node):
            for body in indented_bodies(node, lines):  # type: ignore[arg-type]
                if sum(isinstance(s, (ast.Import, ast.ImportFrom)) for s in body) > 1 and not is_suite(body, lines):
                    self._find_duplicates(body, lines)

    def _call(self, node: ast.Call, at_module: bool) -> None:
        callee = dotted(node.func)
        arguments = call_arguments(node)
        if callee in ("__all__.extend", "__all__.append", "__all__.__iadd__"):
            for argument in arguments:
                self._export(argument)
        elif callee == "__all__.insert" and len(arguments) == 2:
            self._export(arguments[1])
        elif callee in ("eval", "exec") and (not arguments or string_value(arguments[0]) is None):
            self._dynamic(f"runs {callee}() on computed code")
        elif callee in ("vars", "locals", "dir") and not arguments and at_module:
            self._dynamic(f"reads its namespace with {callee}()")
        elif callee.rsplit(".", 1)[-1] in ("import_module", "__import__") and any(
                dotted(a) == "__name__" for a in arguments):
            self._dynamic("imports itself by name")

    def _find_duplicates(self, body: Sequence[ast.stmt], lines: LineIndex) -> None:
        """A repeated import in one run of import lines (nothing in between can have
        changed what it binds)."""
        seen: Set[tuple] = set()
        for group in group_lines(body, lines):
            if not all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in group):
                seen = set()
                continue
            for statement in group:
                if any(a.name == "*" for a in statement.names):
                    continue
                for alias in statement.names:
                    key = import_key(*described(statement, alias))
                    if key in seen:
                        self.duplicates.add(id(alias))
                    seen.add(key)


def described(statement: ast.stmt, alias: ast.alias) -> Tuple[str, int, str, str, Optional[str]]:
    """(kind, dots, module, name, asname), as ``rules`` and ``side_effects`` take an import."""
    if isinstance(statement, ast.Import):
        return "import", 0, "", alias.name, alias.asname
    return "from", statement.level or 0, statement.module or "", alias.name, alias.asname  # type: ignore[attr-defined]


def is_string_statement(statement: Optional[ast.stmt]) -> bool:
    """An expression statement that is a string (libcst's SimpleString or
    ConcatenatedString): not a lone f-string."""
    if not isinstance(statement, ast.Expr):
        return False
    value = statement.value
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (str, bytes))
    if isinstance(value, ast.JoinedStr):
        raise Undecidable("an f-string statement where a docstring is looked for")
    return False


def is_docstring_or_all(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Expr):
        return is_string_statement(statement)
    if isinstance(statement, ast.Assign):
        return "__all__" in [dotted(t) for t in statement.targets]
    return isinstance(statement, ast.AugAssign) and dotted(statement.target) == "__all__"


def imports_only(tree: ast.Module) -> bool:
    """A module that only imports (a docstring and ``__all__`` aside) exists to
    re-export or to load what it imports."""
    body = tree.body
    return all(isinstance(s, (ast.Import, ast.ImportFrom)) or is_docstring_or_all(s) for s in body) \
        and any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in body)
