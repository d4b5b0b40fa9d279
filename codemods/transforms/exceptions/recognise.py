"""What the values in a handler are, by scope analysis: a new exception (a class,
or a call of one), a logger, a database session, connection or cursor."""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional

import libcst as cst
from libcst.metadata import Assignment, ImportAssignment, QualifiedNameSource, ScopeProvider

from codemods.cst.metadata import QualifiedNameProvider
from codemods.transforms.exceptions import classes
from codemods.transforms.exceptions.shapes import nodes_in

#: calls whose result is a database connection, session, cursor or transaction
_DATABASE_FACTORIES = frozenset({"connect", "cursor", "begin", "Session", "session", "sessionmaker",
                                 "scoped_session", "create_session", "raw_connection", "begin_nested"})


class Recogniser:
    def __init__(self, rewriter, module: cst.Module) -> None:
        self.rewriter = rewriter
        self.module = module
        options = rewriter.options
        self.logger_names = frozenset(names_option(options, "logger-names"))
        self.logger_factories = frozenset(names_option(options, "logger-factories"))
        self.db_methods = frozenset(names_option(options, "database-methods"))
        self.db_receivers = frozenset(n.lower() for n in names_option(options, "database-receivers"))
        self._values: Optional[Dict[int, cst.BaseExpression]] = None

    # -- bindings ----------------------------------------------------------------------

    def _bound_values(self) -> Dict[int, cst.BaseExpression]:
        """id(target Name) -> the value of a plain ``name = value`` or ``with value as name``."""
        if self._values is None:
            values: Dict[int, cst.BaseExpression] = {}

            class _Collect(cst.CSTVisitor):
                def visit_Assign(self, node: cst.Assign) -> None:
                    for target in node.targets:
                        if isinstance(target.target, cst.Name):
                            values[id(target.target)] = node.value

                def visit_WithItem(self, node: cst.WithItem) -> None:
                    if node.asname is not None and isinstance(node.asname.name, cst.Name):
                        values[id(node.asname.name)] = node.item

            self.module.visit(_Collect())
            self._values = values
        return self._values

    def _referents(self, name: cst.Name) -> Optional[list]:
        """The bindings a read of ``name`` may see (None when unknown)."""
        scope = self.rewriter.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        for access in scope.accesses[name.value]:
            if access.node is name:
                return list(access.referents)
        return None

    def _qualified(self, node: cst.CSTNode):
        return self.rewriter.get_metadata(QualifiedNameProvider, node, set()) or set()

    # -- new exceptions ----------------------------------------------------------------

    def new_exception(self, exc: cst.BaseExpression) -> bool:
        """``exc`` certainly makes a new exception: a class, or a call of one. A class is a
        built-in exception, an imported name, a class statement, or a name assigned one of
        those. Anything else (a variable, an attribute of an object, a call of a function of
        this module) may be the caught exception itself or carry its own cause."""
        target = exc.func if isinstance(exc, cst.Call) else exc
        return self._is_class(target, 0)

    def _is_class(self, node: cst.BaseExpression, depth: int) -> bool:
        if depth > 3 or not isinstance(node, (cst.Name, cst.Attribute)):
            return False
        found = self._qualified(node)
        if not found:
            # a name no scope binds, in a module with ``from m import *``: imported by it
            names = self.rewriter.names
            return isinstance(node, cst.Name) and names is not None and names.star_import \
                and node.value not in names.mentions_bound
        for qualified in found:
            if qualified.source is QualifiedNameSource.BUILTIN:
                if classes.builtin_class(qualified.name) is None:
                    return False
            elif qualified.source is QualifiedNameSource.IMPORT:
                continue
            elif not isinstance(node, cst.Name) or not self._local_class(node, depth):
                return False
        return True

    def _local_class(self, name: cst.Name, depth: int) -> bool:
        referents = self._referents(name)
        if not referents:
            return False
        values = self._bound_values()
        for referent in referents:
            if isinstance(referent, ImportAssignment):
                continue
            if not isinstance(referent, Assignment):
                return False
            if isinstance(referent.node, cst.ClassDef):
                continue
            value = values.get(id(referent.node))
            if value is None or not self._is_class(value, depth + 1):
                return False
        return True

    # -- loggers -------------------------------------------------------------------------

    def logger_call(self, call: cst.Call) -> bool:
        """``call`` is ``<logger>.error(...)``: ``logging.error``, a receiver named in
        ``logger-names``, a name bound to a call of a ``logger-factories`` function, or
        such a call itself."""
        func = call.func
        assert isinstance(func, cst.Attribute)
        if any(q.name == "logging.error" for q in self._qualified(func)):
            return True
        return self._is_logger(func.value)

    def _is_logger(self, receiver: cst.BaseExpression) -> bool:
        if isinstance(receiver, cst.Name) and receiver.value in self.logger_names:
            return True
        if isinstance(receiver, cst.Attribute) and receiver.attr.value in self.logger_names:
            return True
        if isinstance(receiver, cst.Call):
            return self._is_factory(receiver.func)
        if isinstance(receiver, cst.Name):
            referents = self._referents(receiver)
            if not referents:
                return False
            values = self._bound_values()
            return all(isinstance(r, Assignment) and isinstance(values.get(id(r.node)), cst.Call)
                       and self._is_factory(values[id(r.node)].func) for r in referents)  # type: ignore[union-attr]
        return False

    def _is_factory(self, func: cst.BaseExpression) -> bool:
        return any(q.name in self.logger_factories for q in self._qualified(func))

    # -- databases -----------------------------------------------------------------------

    def database_call(self, body: cst.CSTNode) -> Optional[str]:
        """The first ``<receiver>.<method>(...)`` in ``body`` with a ``database-methods``
        method on a session, connection or cursor, as ``receiver.method(...)``."""
        for call in nodes_in(body, (cst.Call,)):
            assert isinstance(call, cst.Call)
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value in self.db_methods \
                    and self._is_database(func.value):
                return f"{_text(func)}(...)"
        return None

    def _is_database(self, receiver: cst.BaseExpression) -> bool:
        if isinstance(receiver, cst.Call):  # ``conn.cursor().execute(...)``
            func = receiver.func
            last = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
            return last in _DATABASE_FACTORIES
        if isinstance(receiver, (cst.Name, cst.Attribute)):
            last = receiver.value if isinstance(receiver, cst.Name) else receiver.attr.value
            if _named_like(last, self.db_receivers):
                return True
        if isinstance(receiver, cst.Name):
            values = self._bound_values()
            for referent in self._referents(receiver) or ():
                value = values.get(id(getattr(referent, "node", None)))
                if isinstance(value, cst.Call) and self._is_database(value):
                    return True
        return False


def names_option(options, key: str) -> List[str]:
    """A list-of-names option: a single string is one name; anything not a string is ignored."""
    value = options.get(key, ())
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, (list, tuple)) else []


def _named_like(identifier: str, names: Iterable[str]) -> bool:
    """``identifier`` is one of ``names``, or one of its ``_``-separated words is
    (``db_session``, ``self._conn``, ``read_cursor``)."""
    words = [w for w in identifier.lower().split("_") if w]
    wanted = set(names)
    return identifier.lower().strip("_") in wanted or any(w in wanted for w in words)


def _text(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)
