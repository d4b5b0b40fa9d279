"""A faster way through libcst trees, with the meaning of libcst's own.

libcst visits a node's children through ``_visit_and_replace_children``, which builds
a new node for every node it passes, for read-only visitors too, and wraps each field
in two hook calls. Most of a codemod's time went there: metadata resolution and every
transformer pass rebuilt the whole tree.

``install()`` replaces ``CSTNode.visit`` with a walk that:

- for a read-only visitor (``CSTVisitor``, the batched metadata visitor) visits the
  same children in the same order and builds nothing;
- for a ``CSTTransformer`` visits the children the same way and rebuilds a node only
  when one of its children came back different. The rebuild is libcst's own
  ``_visit_and_replace_children``, fed the children's results in order (so removal,
  flattening and the empty-line rules are libcst's), and an unchanged subtree is
  shared with the old tree instead of copied;
- keeps libcst's walk for any node whose per-attribute hooks
  (``visit_<Node>_<field>``) the visitor defines, and for visitors that override
  the attribute hooks themselves (matcher-decorated visitors, for example).

The order of a node class's fields is learned once per class by asking libcst's own
``_visit_and_replace_children`` which attributes it visits, so it follows the
installed libcst. The names of a batchable visitor's methods are also looked up
once per class instead of once per metadata resolution, and the scope visitor's
"is this node assignment-like" test is answered from a cache by node class. Set
``CODEMODS_LIBCST_WALK=libcst`` to keep libcst's walk
everywhere (the tests compare both).
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any, Dict, FrozenSet, List, Tuple

import libcst as cst
from libcst import CSTNode, CSTTransformer, CSTVisitor, FlattenSentinel, RemovalSentinel
from libcst._batched_visitor import BatchableCSTVisitor, _BatchedCSTVisitor

_libcst_visit = CSTNode.visit
_libcst_get_visitors = BatchableCSTVisitor.get_visitors

_SLOW, _READ, _TRANSFORM = 0, 1, 2

#: node class -> (fields visited, in order; optional fields not seen visited yet)
_FIELDS: Dict[type, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {}
#: visitor class -> (mode, names of node classes it hooks attributes of, hooks per instance)
_MODES: Dict[type, Tuple[int, FrozenSet[str], bool]] = {}

_HOOK = re.compile(r"^(?:visit|leave)_([A-Za-z0-9]+)_\w+$")


class _Probe(CSTVisitor):
    """Records which attributes of one node libcst visits, in order."""

    def __init__(self, node: CSTNode) -> None:
        super().__init__()
        self.node = node
        self.fields: List[str] = []

    def on_visit(self, node: CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: CSTNode, attribute: str) -> None:
        if node is self.node and attribute not in self.fields:
            self.fields.append(attribute)

    def on_leave_attribute(self, original_node: CSTNode, attribute: str) -> None:
        pass


class _Replay:
    """Hands ``_visit_and_replace_children`` the results its children already gave."""

    __slots__ = ("results", "index")

    def __init__(self, results: List[Any]) -> None:
        self.results = results
        self.index = 0

    def on_visit_attribute(self, node: CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: CSTNode, attribute: str) -> None:
        pass


def _learn(node: CSTNode) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    cls = node.__class__
    probe = _Probe(node)
    node._visit_and_replace_children(probe)  # type: ignore[attr-defined]
    known = _FIELDS.get(cls)
    fields = probe.fields
    if known and set(fields) <= set(known[0]):
        fields = list(known[0])  # a field libcst skips when it is None (an f-string's format spec)
    # fields libcst did not visit and that were None so far: one with a value might
    # hold nodes, so that instance is probed again (once it had a value, it is known)
    candidates = known[1] if known else tuple(getattr(cls, "__dataclass_fields__", ()))
    unseen = tuple(f for f in candidates if f not in fields and getattr(node, f, None) is None)
    entry = (tuple(fields), unseen)
    _FIELDS[cls] = entry
    return entry


def _fields(node: CSTNode) -> Tuple[str, ...]:
    entry = _FIELDS.get(node.__class__)
    if entry is None:
        entry = _learn(node)
    elif entry[1]:
        for name in entry[1]:
            if getattr(node, name) is not None:
                entry = _learn(node)
                break
    return entry[0]


def _class_hooks(cls: type) -> FrozenSet[str]:
    names = set()
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            match = _HOOK.match(name)
            if match and callable(value) and not getattr(value, "_is_no_op", False):
                names.add(match.group(1))
    return frozenset(names)


def _mode(visitor: Any) -> Tuple[int, FrozenSet[str], bool]:
    """How to walk for this visitor's class: (mode, hooked node classes, hooks per instance)."""
    cls = visitor.__class__
    found = _MODES.get(cls)
    if found is not None:
        return found
    mode, per_instance = _SLOW, False
    # the batched visitor first: it is a CSTVisitor too, and its hooks vary per instance
    for base, walk, hooks_per_instance in ((_BatchedCSTVisitor, _READ, True), (CSTVisitor, _READ, False),
                                           (CSTTransformer, _TRANSFORM, False)):
        if isinstance(visitor, base):
            own_hooks = cls.on_visit_attribute is base.on_visit_attribute and \
                cls.on_leave_attribute is base.on_leave_attribute
            mode, per_instance = (walk if own_hooks else _SLOW), hooks_per_instance
            break
    found = (mode, _class_hooks(cls), per_instance)
    _MODES[cls] = found
    return found


#: the last batched visitor seen: [visitor, node classes its providers hook attributes
#: of, whether its providers only look at the Module node]
_batch: List[Any] = [None, frozenset(), False]


def _batch_hooks(visitor: Any) -> FrozenSet[str]:
    if _batch[0] is not visitor:
        names = visitor.visitor_methods
        module_only = visitor.before_visit is None and visitor.after_leave is None and \
            all(name in ("visit_Module", "leave_Module") for name in names)
        _batch[:] = [visitor, frozenset(m.group(1) for m in map(_HOOK.match, names) if m), module_only]
    return _batch[1]


#: class -> whether it is a CSTNode (``isinstance`` against libcst's ABC is slow)
_IS_NODE: Dict[type, bool] = {}


def _is_node(cls: type) -> bool:
    found = _IS_NODE.get(cls)
    if found is None:
        found = _IS_NODE[cls] = issubclass(cls, CSTNode)
    return found


def _visit(self: CSTNode, visitor: Any) -> Any:
    vcls = visitor.__class__
    if vcls is _Replay:
        result = visitor.results[visitor.index]
        visitor.index += 1
        return result
    mode, hooks, per_instance = _MODES.get(vcls) or _mode(visitor)
    if mode == _SLOW:
        return _libcst_visit(self, visitor)
    if per_instance:
        hooks = _batch_hooks(visitor)
        if _batch[2] and mode == _READ:
            # libcst's scope and expression-context providers do their work from
            # visit_Module with their own visitor; the batch would then walk the whole
            # tree calling nothing
            visitor.on_visit(self)
            visitor.on_leave(self)
            return self
    if mode == _READ:
        _read(self, visitor, visitor.on_visit, visitor.on_leave, hooks)
        return self
    return _transform(self, visitor, visitor.on_visit, visitor.on_leave, hooks)


def _read(node: CSTNode, visitor: Any, on_visit: Any, on_leave: Any, hooks: FrozenSet[str]) -> None:
    cls = node.__class__
    if hooks and cls.__name__ in hooks:
        _libcst_visit(node, visitor)  # libcst calls the attribute hooks; the children come back here
        return
    if on_visit(node):
        entry = _FIELDS.get(cls)
        for name in (entry[0] if entry is not None and not entry[1] else _fields(node)):
            value = getattr(node, name)
            vc = value.__class__
            if vc is tuple or vc is list:
                for child in value:
                    _read(child, visitor, on_visit, on_leave, hooks)
            elif _IS_NODE.get(vc) or (vc not in _IS_NODE and _is_node(vc)):
                _read(value, visitor, on_visit, on_leave, hooks)
    on_leave(node)


def _transform(node: CSTNode, visitor: Any, on_visit: Any, on_leave: Any, hooks: FrozenSet[str]) -> Any:
    cls = node.__class__
    if hooks and cls.__name__ in hooks:
        return _libcst_visit(node, visitor)
    updated = node
    if on_visit(node):
        results: List[Any] = []
        changed = False
        entry = _FIELDS.get(cls)
        for name in (entry[0] if entry is not None and not entry[1] else _fields(node)):
            value = getattr(node, name)
            vc = value.__class__
            if vc is tuple or vc is list:
                for child in value:
                    result = _transform(child, visitor, on_visit, on_leave, hooks)
                    results.append(result)
                    if result is not child:
                        changed = True
            elif _IS_NODE.get(vc) or (vc not in _IS_NODE and _is_node(vc)):
                result = _transform(value, visitor, on_visit, on_leave, hooks)
                results.append(result)
                if result is not value:
                    changed = True
        if changed:
            replay = _Replay(results)
            updated = node._visit_and_replace_children(replay)  # type: ignore[attr-defined]
            if replay.index != len(results):
                raise RuntimeError(f"codemods' walk disagrees with libcst on {cls.__name__}")
    leave_result = on_leave(node, updated)
    rc = leave_result.__class__
    if not (_IS_NODE.get(rc) or _is_node(rc) or isinstance(leave_result, (RemovalSentinel, FlattenSentinel))):
        raise cst.CSTValidationError(
            "Expected a node of type CSTNode or a RemovalSentinel, "
            f"but got a return value of {type(leave_result).__name__}")
    return leave_result


#: batchable visitor class -> the names of its visit/leave methods (libcst looks them
#: up with ``inspect.getmembers`` on every metadata resolution)
_VISITOR_NAMES: Dict[type, Tuple[str, ...]] = {}


def _get_visitors(self: BatchableCSTVisitor) -> Dict[str, Any]:
    cls = self.__class__
    names = _VISITOR_NAMES.get(cls)
    if names is None:
        names = _VISITOR_NAMES[cls] = tuple(_libcst_get_visitors(self))
    return {name: getattr(self, name) for name in names}


class _AnyOfMeta(type):
    """``isinstance(node, (AnyOf,))`` answers ``isinstance(node, classes)`` from a cache by
    the node's exact class: one call instead of one ABC check per class of the tuple."""

    def __instancecheck__(cls, instance: object) -> bool:
        kind = instance.__class__
        found = cls._answers.get(kind)  # type: ignore[attr-defined]
        if found is None:
            found = cls._answers[kind] = issubclass(kind, cls._classes)  # type: ignore[attr-defined]
        return found


#: libcst's scope visitor asks every node it leaves whether it is one of 18 node
#: classes (all ABCs, so each miss is a Python-level check)
_scope_module = importlib.import_module("libcst.metadata.scope_provider")
_libcst_assignment_like = getattr(_scope_module, "_ASSIGNMENT_LIKE_NODES", None)
_assignment_like = ((_AnyOfMeta("AssignmentLike", (), {"_classes": _libcst_assignment_like, "_answers": {}}),)
                    if isinstance(_libcst_assignment_like, tuple) else None)


def install() -> None:
    """Route ``CSTNode.visit`` through the faster walk (idempotent)."""
    if os.environ.get("CODEMODS_LIBCST_WALK") == "libcst":
        return
    CSTNode.visit = _visit  # type: ignore[assignment]
    BatchableCSTVisitor.get_visitors = _get_visitors  # type: ignore[assignment]
    if _assignment_like is not None:
        _scope_module._ASSIGNMENT_LIKE_NODES = _assignment_like


def uninstall() -> None:
    CSTNode.visit = _libcst_visit  # type: ignore[assignment]
    BatchableCSTVisitor.get_visitors = _libcst_get_visitors  # type: ignore[assignment]
    if _assignment_like is not None:
        _scope_module._ASSIGNMENT_LIKE_NODES = _libcst_assignment_like


def installed() -> bool:
    return CSTNode.visit is _visit  # type: ignore[comparison-overlap]


__all__ = ["install", "installed", "uninstall"]
