"""Scope questions ``exceptions`` asks of libcst's scope analysis: is a name free in a
scope, is a handler's name left alone between ``except ... as name`` and a ``raise``,
is a name shadowed anywhere in the module."""

from __future__ import annotations

from typing import Dict, Iterable, List, Mapping, Optional, Set

import libcst as cst
from libcst.metadata import CodeRange, GlobalScope, Scope

#: calls that read or write a scope's names by string: adding a name changes what they see
DYNAMIC_NAMES = frozenset({"locals", "vars", "exec", "eval", "dir", "globals"})


def overwrites(scope: Scope) -> Mapping[str, object]:
    """Names ``scope`` declares ``global`` or ``nonlocal`` (libcst keeps them privately)."""
    return getattr(scope, "_scope_overwrites", {}) or {}


def inside(inner: CodeRange, outer: CodeRange) -> bool:
    return (outer.start.line, outer.start.column) <= (inner.start.line, inner.start.column) \
        and (inner.end.line, inner.end.column) <= (outer.end.line, outer.end.column)


class ModuleNames:
    """Every scope of a module with the names it binds, reads or declares."""

    def __init__(self, scopes: Iterable[Optional[Scope]], star_import: bool) -> None:
        self.scopes: List[Scope] = list({s for s in scopes if s is not None})
        self.star_import = star_import
        #: name -> scopes that bind, read or declare it
        self.mentions: Dict[str, Set[Scope]] = {}
        #: scopes that read a name by string (locals(), exec, ...)
        self.dynamic: Set[Scope] = set()
        #: names some scope binds
        self.mentions_bound: Set[str] = set()
        for scope in self.scopes:
            for assignment in scope.assignments:
                self.mentions.setdefault(assignment.name.split(".", 1)[0], set()).add(scope)
                self.mentions_bound.add(assignment.name.split(".", 1)[0])
            for access in scope.accesses:
                name = access.node.value if isinstance(access.node, cst.Name) else None
                if name is None:
                    continue
                self.mentions.setdefault(name, set()).add(scope)
                if name in DYNAMIC_NAMES:
                    self.dynamic.add(scope)
            for name in overwrites(scope):
                self.mentions.setdefault(name, set()).add(scope)

    @staticmethod
    def nested_in(scope: Scope, outer: Scope) -> bool:
        current = scope
        while True:
            if current is outer:
                return True
            if current.parent is current or isinstance(current, GlobalScope):
                return False
            current = current.parent

    def is_free(self, scope: Scope, name: str) -> bool:
        """Binding ``name`` in ``scope`` cannot change what any code reads: no code of
        ``scope`` or of a scope nested in it binds, reads or declares it, and nothing there
        reads names by string."""
        if isinstance(scope, GlobalScope) and self.star_import:
            return False  # ``from m import *`` may bind it
        if any(self.nested_in(s, scope) for s in self.mentions.get(name, ())):
            return False
        return not any(self.nested_in(s, scope) for s in self.dynamic)

    def shadowed(self, name: str) -> bool:
        """Some scope of the module binds ``name`` (a built-in's name then may not mean
        the built-in), or a star import may."""
        if self.star_import:
            return True
        return any(name in scope.assignments for scope in self.mentions.get(name, ()))
