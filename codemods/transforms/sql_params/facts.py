"""What the sql-params rewriter knows about names and values: which driver a
connection comes from, which values are constants, certainly strings or integers,
hand-escaped or imported. Every answer comes from libcst metadata (scopes,
qualified names, parents), never from the text."""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import PositionProvider, ScopeProvider

from codemods.cst.base import Rewriter
from codemods.cst.metadata import ParentNodeProvider, QualifiedNameProvider  # libcst's, cheaper
from codemods.transforms.sql_params.numbering import runtime_number
from codemods.transforms.sql_params.render import _code, _placeholder_join, _walk
from codemods.transforms.sql_params.style import driver_of_qualified_name

_STR_METHODS = {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold", "format",
                "join", "swapcase", "zfill", "center", "ljust", "rjust"}
_ESCAPING_CALLS = {"escape_string", "escape", "escape_str", "escape_literal", "quote", "literal", "sql_escape",
                   "quote_string", "escape_sql", "sanitize", "mogrify"}


class SqlFacts(Rewriter):
    """The metadata questions of the sql-params rewriter."""

    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    def _qualified(self, node: cst.CSTNode) -> Set[str]:
        try:
            return {q.name for q in self.get_metadata(QualifiedNameProvider, node)}
        except KeyError:
            return set()

    def _parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        try:
            return self.get_metadata(ParentNodeProvider, node)
        except KeyError:
            return None

    def _module_drivers(self, module: cst.Module) -> Set[str]:
        found: Set[str] = set()
        for node in _walk(module):
            if isinstance(node, cst.Import):
                for alias in node.names:
                    driver = driver_of_qualified_name(_code(alias.name))
                    if driver:
                        found.add(driver)
            elif isinstance(node, cst.ImportFrom) and node.module is not None and not node.relative:
                driver = driver_of_qualified_name(_code(node.module))
                if driver:
                    found.add(driver)
        return found

    def _receiver_driver(self, receiver: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """The driver a connection/cursor expression comes from, when the code says so."""
        if depth > 4:
            return None
        if isinstance(receiver, cst.Call):
            for name in self._qualified(receiver.func):
                driver = driver_of_qualified_name(name)
                if driver:
                    return driver
            if isinstance(receiver.func, cst.Attribute):
                return self._receiver_driver(receiver.func.value, depth + 1)
            if receiver.args and _code(receiver.func) in ("closing", "contextlib.closing"):
                return self._receiver_driver(receiver.args[0].value, depth + 1)
            return None
        for name in self._qualified(receiver):
            driver = driver_of_qualified_name(name)
            if driver:
                return driver
        if not isinstance(receiver, cst.Name):
            return None
        drivers = {self._receiver_driver(source, depth + 1) for source in self._assigned_sources(receiver)}
        drivers.discard(None)
        return drivers.pop() if len(drivers) == 1 else None

    def _receiver_origins(self, receiver: cst.BaseExpression, depth: int = 0) -> Set[str]:
        """The qualified names of the imported functions or objects a connection or
        cursor expression comes from (``get_connection`` in ``get_connection().cursor()``,
        ``engine`` in ``with engine.begin() as conn``), followed like _receiver_driver."""
        if depth > 4:
            return set()
        if isinstance(receiver, cst.Call):
            found = self._imported_names(receiver.func)
            if found:
                return found
            if isinstance(receiver.func, cst.Attribute):
                return self._receiver_origins(receiver.func.value, depth + 1)
            if receiver.args and _code(receiver.func) in ("closing", "contextlib.closing"):
                return self._receiver_origins(receiver.args[0].value, depth + 1)
            return set()
        found = self._imported_names(receiver)
        if found:
            return found
        if isinstance(receiver, cst.Attribute):
            return self._receiver_origins(receiver.value, depth + 1)
        origins: Set[str] = set()
        for source in self._assigned_sources(receiver):
            origins |= self._receiver_origins(source, depth + 1)
        return origins

    def _imported_names(self, node: cst.BaseExpression) -> Set[str]:
        """Qualified names of ``node`` when its leftmost name is bound by an import."""
        base = node
        while isinstance(base, cst.Attribute):
            base = base.value
        if not isinstance(base, cst.Name):
            return set()
        scope = self.get_metadata(ScopeProvider, base, None)
        if scope is None or base.value not in scope:
            return set()
        if not all(type(a).__name__ == "ImportAssignment" for a in scope[base.value]):
            return set()
        return {n for n in self._qualified(node) if not n.startswith(("builtins.", "<"))}

    def _assigned_sources(self, receiver: cst.BaseExpression) -> List[cst.BaseExpression]:
        """What a local name is assigned from (values, annotations, ``with ... as``)."""
        if not isinstance(receiver, cst.Name):
            return []
        scope = self.get_metadata(ScopeProvider, receiver, None)
        if scope is None or receiver.value not in scope:
            return []
        sources: List[cst.BaseExpression] = []
        for assignment in scope[receiver.value]:
            target = getattr(assignment, "node", None)
            parent = self._parent(target) if isinstance(target, cst.CSTNode) else None
            source: Optional[cst.CSTNode] = None
            if isinstance(target, cst.Param):
                source = target.annotation.annotation if target.annotation is not None else None
            elif isinstance(parent, cst.AssignTarget):
                grand = self._parent(parent)
                source = grand.value if isinstance(grand, cst.Assign) else None
            elif isinstance(parent, cst.AsName):
                item = self._parent(parent)
                source = item.item if isinstance(item, cst.WithItem) else None
            elif isinstance(parent, cst.AnnAssign):
                source = parent.value or parent.annotation.annotation
            if isinstance(source, cst.BaseExpression):
                sources.append(source)
        return sources

    def _start(self, node: cst.CSTNode) -> Tuple[int, int]:
        try:
            position = self.get_metadata(PositionProvider, node).start
        except KeyError:
            return (0, 0)
        return position.line, position.column

    def _end(self, node: cst.CSTNode) -> Tuple[int, int]:
        try:
            position = self.get_metadata(PositionProvider, node).end
        except KeyError:
            return (0, 0)
        return position.line, position.column

    def _constant(self, expr: cst.BaseExpression) -> bool:
        """A literal, a module-level name bound once to a literal, or placeholders
        this codemod wrote: joined for the items of an IN list (``", ".join(["?"] *
        len(ids))``), or numbered at run time (``str(len(params) + 1)``)."""
        if self._written_placeholders(expr):
            return True

        if isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)):
            return not isinstance(expr, cst.ConcatenatedString) or all(
                isinstance(n, (cst.SimpleString, cst.ConcatenatedString)) for n in (expr.left, expr.right))
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("str", "int") \
                and len(expr.args) == 1:
            return self._constant(expr.args[0].value)
        if not isinstance(expr, cst.Name):
            return False
        try:
            scope = self.get_metadata(ScopeProvider, expr)
        except KeyError:
            return False
        if scope is None or expr.value not in scope:
            return False
        assignments = list(scope[expr.value])
        if len(assignments) != 1:
            return False
        target = getattr(assignments[0], "node", None)
        if not isinstance(target, cst.Name):
            return False
        target_scope = self.get_metadata(ScopeProvider, target, None)
        if target_scope is None or type(target_scope).__name__ != "GlobalScope":
            return False
        parent = self._parent(target)
        if isinstance(parent, cst.AssignTarget):
            assign = self._parent(parent)
            return isinstance(assign, cst.Assign) and self._constant(assign.value)
        if isinstance(parent, cst.AnnAssign) and parent.value is not None:
            return self._constant(parent.value)
        return False

    def _written_placeholders(self, expr: cst.BaseExpression) -> bool:
        """Placeholders already, not a value: ``", ".join(["?"] * len(ids))`` (also
        through a local name assigned only that), ``str(len(params) + 1)``."""
        if _placeholder_join(expr) or runtime_number(expr):
            return True
        if not isinstance(expr, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, expr, None)
        if scope is None or expr.value not in scope:
            return False
        assignments = list(scope[expr.value])
        if len(assignments) != 1 or not isinstance(getattr(assignments[0], "node", None), cst.Name):
            return False
        parent = self._parent(assignments[0].node)
        assign = self._parent(parent) if isinstance(parent, cst.AssignTarget) else None
        return isinstance(assign, cst.Assign) and len(assign.targets) == 1 and _placeholder_join(assign.value)

    def _provably_str(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            return True
        if isinstance(expr, cst.Call):
            func = expr.func
            if isinstance(func, cst.Name):
                return func.value == "str"
            if isinstance(func, cst.Attribute):
                if func.attr.value in ("format", "join"):
                    return isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString))
                return func.attr.value in _STR_METHODS and self._provably_str(func.value)
            return False
        if isinstance(expr, cst.Name):
            return self._annotated(expr) == "str"
        return False

    def _annotated(self, expr: cst.Name) -> Optional[str]:
        try:
            scope = self.get_metadata(ScopeProvider, expr)
        except KeyError:
            return None
        if scope is None or expr.value not in scope:
            return None
        found = set()
        for assignment in scope[expr.value]:
            target = getattr(assignment, "node", None)
            if isinstance(target, cst.Param) and target.annotation is not None:
                found.add(_code(target.annotation.annotation))
            else:
                return None
        return found.pop() if len(found) == 1 else None

    def _numeric(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Integer):
            return True
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("int", "len"):
            return True
        return isinstance(expr, cst.Name) and self._annotated(expr) == "int"

    def _float(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Float):
            return True
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "float" \
                and len(expr.args) == 1 and not expr.args[0].keyword and not expr.args[0].star:
            return "builtins.float" in self._qualified(expr.func) or not self._qualified(expr.func)
        return isinstance(expr, cst.Name) and self._annotated(expr) == "float"

    def _hand_escaped(self, expr: cst.BaseExpression) -> bool:
        for node in _walk(expr):
            if not isinstance(node, cst.Call):
                continue
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if name == "replace" and node.args and isinstance(node.args[0].value, cst.SimpleString) \
                    and "'" in str(node.args[0].value.evaluated_value):
                return True
            if name in _ESCAPING_CALLS or "escape" in name.lower():
                return True
        return False

    def _imported(self, expr: cst.BaseExpression) -> bool:
        for node in _walk(expr):
            if isinstance(node, cst.Name):
                for name in self._qualified(node):
                    if "." in name and not name.startswith(("builtins.", "<")):
                        scope = self.get_metadata(ScopeProvider, node, None)
                        if scope is not None and node.value in scope and any(
                                type(a).__name__ == "ImportAssignment" for a in scope[node.value]):
                            return True
        return False
