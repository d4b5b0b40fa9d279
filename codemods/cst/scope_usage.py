"""Who reads which name, for the two "unused" rewriters.

libcst's scope analysis is the base, but three of its habits would make an unused
check unsafe, so this module corrects them:

* it ties a read to the assignments *before* it in the same scope, so a read earlier
  in a loop body than the assignment it sees on the next iteration looks like no read
  at all; here a name is read in a scope when any read anywhere resolves to it;
* it does not count ``x += 1``, ``nonlocal x`` or ``global x`` as uses of ``x``;
* it only parses string annotations in some positions (not ``list["Foo"]``, not in
  ``collections.abc.Callable[["Foo"], None]``), and never looks at ``# type:``
  comments or doctests;
* it compares names as written, while Python compares their NFKC forms
  (``𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = 1`` binds ``Unicode``).

Names found in strings, type comments and doctests are not tied to a scope: they
count as read everywhere, which can only keep more code.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Set

import libcst as cst
from libcst.metadata import ClassScope, CodeRange, ComprehensionScope, FunctionScope, GlobalScope, Scope

from codemods.analysis.read_names import (CALLER_FRAME_NAMES, FRAME_ACCESS_NAMES, INSPECT_FRAME_LISTS, TYPE_CALLS,
                                          Suppression, names_in_code, names_in_doctests, names_in_type_string,
                                          normalized, note_comment, note_string)

#: the text rules live in ``read_names`` (shared with the ``ast`` analysis); their
#: names stay importable from here
__all__ = ["CALLER_FRAME_NAMES", "FRAME_ACCESS_NAMES", "ModuleUsage", "Suppression", "analyse_module", "leftmost_name",
           "names_in_code", "names_in_doctests", "names_in_type_string", "normalized", "string_value"]


def leftmost_name(node: cst.CSTNode) -> Optional[str]:
    """``a`` for ``a``, ``a.b.c`` and ``a.b().c``."""
    while True:
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Call):
            node = node.func
        else:
            return None


def string_value(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            value = node.evaluated_value
        except Exception:  # an odd prefix libcst cannot evaluate: not a name anyway
            return None
        return value if isinstance(value, str) else None
    return None


class ModuleUsage:
    """The reads of one module, by the scope each read resolves to."""

    def __init__(self, scopes: Iterable[Scope]) -> None:
        self.scopes: List[Scope] = [s for s in set(scopes) if s is not None]
        #: scope -> names bound in it (libcst's assignments, first dotted part)
        self.bound: Dict[Scope, Set[str]] = {}
        for scope in self.scopes:
            self.bound[scope] = {a.name.split(".", 1)[0] for a in scope.assignments}
        #: scope -> name -> "global" | "nonlocal"
        self.declared: Dict[Scope, Dict[str, str]] = defaultdict(dict)
        #: scope -> names whose reads resolve to it
        self.reads: Dict[Scope, Set[str]] = defaultdict(set)
        #: scope -> names read in it or in any scope nested in it
        self.reads_within: Dict[Scope, Set[str]] = defaultdict(set)
        #: names from strings, type comments and doctests: read in every scope
        self.everywhere: Set[str] = set()
        #: scope -> names deleted with ``del`` there
        self.deleted: Dict[Scope, Set[str]] = defaultdict(set)
        #: function scope -> names bound by ``:=`` in it or its comprehensions
        self.walrus: Dict[Scope, Set[str]] = defaultdict(set)
        #: names read that no scope of the module binds (builtins, or undefined)
        self.builtin_reads: Set[str] = set()
        #: scopes (and all scopes around them) that reach their locals by name
        self.frame_access: Set[Scope] = set()
        #: the module inspects stack frames: any function's locals may be read
        self.caller_frames = False
        #: NFKC forms of names the module also spells another way (``𝔘𝔫𝔦𝔠𝔬𝔡𝔢``/``Unicode``)
        self.respelled: Set[str] = set()
        #: NFKC forms of every name read anywhere (filled only when ``respelled`` is not empty)
        self.normalized_reads: Set[str] = set()
        self.suppression = Suppression()

    # -- resolution -------------------------------------------------------------

    def binding_scope(self, scope: Scope, name: str) -> Scope:
        """The scope a read of ``name`` in ``scope`` resolves to, in Python's rules:
        ``global``/``nonlocal`` first, class bodies invisible to nested scopes, the
        module (or builtins) last."""
        current, first = scope, True
        while not isinstance(current, GlobalScope):
            declared = self.declared.get(current, {}).get(name)
            if declared == "global":
                return current.globals
            if declared != "nonlocal" and (first or not isinstance(current, ClassScope)):
                if name in self.bound.get(current, ()):
                    return current
            if current.parent is current:
                break
            current, first = current.parent, False
        return scope.globals

    def add_read(self, scope: Scope, name: str) -> None:
        target = self.binding_scope(scope, name)
        self.reads[target].add(name)
        if isinstance(target, GlobalScope) and name not in self.bound.get(target, ()):
            self.builtin_reads.add(name)
        if isinstance(scope, ClassScope) and scope.parent is not scope:
            # a class body falls back to the enclosing namespaces while its own
            # name is not yet bound (``os = os``): count the outer binding as read
            self.reads[self.binding_scope(scope.parent, name)].add(name)
        current = scope
        while True:
            self.reads_within[current].add(name)
            if isinstance(current, GlobalScope) or current.parent is current:
                break
            current = current.parent

    def assignment_scope(self, scope: Scope, name: str) -> Scope:
        """Where a binding of ``name`` made in ``scope`` lands (``global``/``nonlocal``)."""
        if name in self.declared.get(scope, {}):
            return self.binding_scope(scope, name)
        return scope

    def is_read(self, scope: Scope, name: str) -> bool:
        return name in self.everywhere or name in self.reads.get(scope, ()) or self._read_respelled(name)

    def _read_respelled(self, name: str) -> bool:
        """A name spelled two ways counts as read when either spelling is read
        anywhere (scopes are not told apart: that can only keep more code)."""
        if not self.respelled:
            return False
        key = normalized(name)
        return key in self.respelled and key in self.normalized_reads

    def reads_locals_dynamically(self, scope: Scope) -> bool:
        return self.caller_frames or scope in self.frame_access

    def read_within(self, scope: Scope, name: str) -> bool:
        return name in self.everywhere or name in self.reads_within.get(scope, ()) or self._read_respelled(name)

    def enclosing_function(self, scope: Scope) -> Optional[Scope]:
        current = scope
        while isinstance(current, ComprehensionScope):
            current = current.parent
        return current if isinstance(current, FunctionScope) else None


class _UsageCollector(cst.CSTVisitor):
    """One walk over the module for everything libcst's scopes do not record."""

    def __init__(self, usage: ModuleUsage, scopes: Mapping[cst.CSTNode, Scope],
                 positions: Mapping[cst.CSTNode, CodeRange]) -> None:
        super().__init__()
        self.usage = usage
        self.scopes = scopes
        self.positions = positions
        self.type_context = 0
        self.extra_reads: List[tuple] = []

    def _scope(self, node: cst.CSTNode) -> Optional[Scope]:
        return self.scopes.get(node)

    def _line(self, node: cst.CSTNode) -> int:
        position = self.positions.get(node)
        return position.start.line if position is not None else 0

    # strings in type positions
    def visit_Annotation(self, node: cst.Annotation) -> None:
        self.type_context += 1

    def leave_Annotation(self, original_node: cst.Annotation) -> None:
        self.type_context -= 1

    def visit_SubscriptElement(self, node: cst.SubscriptElement) -> None:
        self.type_context += 1

    def leave_SubscriptElement(self, original_node: cst.SubscriptElement) -> None:
        self.type_context -= 1

    def visit_Call(self, node: cst.Call) -> None:
        callee = node.func.attr.value if isinstance(node.func, cst.Attribute) else (
            node.func.value if isinstance(node.func, cst.Name) else None)
        if callee in TYPE_CALLS:
            for arg in node.args:
                self._note_type_strings(arg.value)
        elif callee in ("eval", "exec") and node.args:
            # code given as a literal is read like any other code
            code = string_value(node.args[0].value)
            if code is not None:
                self.usage.everywhere |= names_in_code(code)
        elif callee == "dir" and isinstance(node.func, cst.Name) and not node.args:
            # ``dir()`` lists the names of the scope it is called in
            self._note_frame_access(self._scope(node))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        annotation = node.annotation.annotation
        if node.value is not None and leftmost_name(annotation) in ("TypeAlias", "typing", "typing_extensions"):
            self._note_type_strings(node.value)

    def _note_type_strings(self, expression: cst.CSTNode) -> None:
        value = string_value(expression) if isinstance(expression, cst.BaseExpression) else None
        if value is not None:
            self.usage.everywhere |= names_in_type_string(value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._string(node)

    def _string(self, node: cst.BaseString) -> None:
        value = string_value(node)
        if value is not None:
            note_string(self.usage.everywhere, value, bool(self.type_context))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        # an f-string in a type position is not an annotation; its expressions are
        # ordinary reads libcst already sees
        return None

    # comments: type comments, noqa, codemod: ignore
    def visit_Comment(self, node: cst.Comment) -> None:
        note_comment(self.usage.everywhere, self.usage.suppression, node.value, self._line(node))

    # reads libcst does not record
    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            scope = self._scope(node)
            if scope is not None:
                self.extra_reads.append((scope, node.target.value))

    def visit_Global(self, node: cst.Global) -> None:
        scope = self._scope(node)
        if scope is not None:
            for item in node.names:
                self.usage.declared[scope][item.name.value] = "global"
                self.extra_reads.append((scope, item.name.value))

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        scope = self._scope(node)
        if scope is not None:
            for item in node.names:
                self.usage.declared[scope][item.name.value] = "nonlocal"
                # the enclosing binding must stay: without it ``nonlocal`` does not compile
                self.extra_reads.append((scope, item.name.value))

    def visit_Del(self, node: cst.Del) -> None:
        scope = self._scope(node)
        if scope is None:
            return
        for name in _target_names(node.target):
            self.usage.deleted[scope].add(name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handler_name(node)

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        self._handler_name(node)

    def _handler_name(self, node) -> None:
        # ``except E as e`` unbinds ``e`` when the handler ends: like a ``del``
        scope = self._scope(node)
        if scope is not None and node.name is not None and isinstance(node.name.name, cst.Name):
            self.usage.deleted[scope].add(node.name.name.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        scope = self._scope(node)
        if scope is not None and isinstance(node.target, cst.Name):
            function = self.usage.enclosing_function(scope)
            self.usage.walrus[function if function is not None else scope].add(node.target.value)

    def visit_Name(self, node: cst.Name) -> None:
        if not node.value.isascii():
            key = normalized(node.value)
            if key != node.value:
                self.usage.respelled.add(key)
        if node.value in FRAME_ACCESS_NAMES:
            self._note_frame_access(self._scope(node))
        elif node.value in CALLER_FRAME_NAMES:
            self.usage.caller_frames = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in INSPECT_FRAME_LISTS and isinstance(node.value, cst.Name) \
                and node.value.value == "inspect":
            self.usage.caller_frames = True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.module, cst.Name) and node.module.value == "inspect" and not node.relative \
                and not isinstance(node.names, cst.ImportStar) \
                and any(isinstance(a.name, cst.Name) and a.name.value in INSPECT_FRAME_LISTS for a in node.names):
            self.usage.caller_frames = True

    def _note_frame_access(self, scope: Optional[Scope]) -> None:
        while scope is not None:
            self.usage.frame_access.add(scope)
            if isinstance(scope, GlobalScope) or scope.parent is scope:
                break
            scope = scope.parent


def _target_names(target: cst.BaseExpression) -> Iterator[str]:
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _target_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _target_names(target.value)


def analyse_module(module: cst.Module, scopes: Mapping[cst.CSTNode, Scope],
                   positions: Mapping[cst.CSTNode, CodeRange]) -> ModuleUsage:
    """Build the read index of ``module`` from the ScopeProvider and PositionProvider
    results of the wrapper the rewriter runs under."""
    usage = ModuleUsage(scopes.values())
    collector = _UsageCollector(usage, scopes, positions)
    module.visit(collector)
    for scope in usage.scopes:
        for access in scope.accesses:
            name = leftmost_name(access.node)
            if name is not None:  # string annotations: already in ``everywhere``
                usage.add_read(access.scope, name)
    for scope, name in collector.extra_reads:
        usage.add_read(scope, name)
    if usage.respelled:
        usage.normalized_reads = {normalized(n) for names in usage.reads.values() for n in names}
        usage.normalized_reads |= {normalized(n) for n in usage.everywhere}
    return usage
