"""codemods.cst.traversal against libcst's own walk: same visits, same results.

Each check runs a visitor or transformer twice over real modules, once with libcst's
``CSTNode.visit`` and once with the faster walk, and compares what they saw and made.
"""

from __future__ import annotations

import os
import sysconfig
from contextlib import contextmanager
from typing import Iterator, List, Tuple

import libcst as cst
import pytest
from libcst.metadata import (ExpressionContextProvider, MetadataWrapper, ParentNodeProvider, PositionProvider,
                             QualifiedNameProvider, ScopeProvider)

from codemods.cst import traversal

STDLIB = sysconfig.get_paths()["stdlib"]
#: varied syntax: f-strings with format specs, decorators, comprehensions, classes,
#: star imports, match statements (where the running Python has them), try/finally
SAMPLES = ["argparse.py", "dataclasses.py", "string.py", "typing.py", "fractions.py", "ast.py", "tokenize.py"]

EXTRA = '''
from os import *
from . import (a, b as c)
x = f"{value!r:>{width}} {other=} {plain}"
y = [i for i in range(3) if i] + {k: v for k, v in {}.items()}
@decorator(arg)
class A(Base, metaclass=Meta):
    z: int = 1
    def m(self, /, a, *args, b=2, **kw) -> "A":
        global G
        try:
            return (yield from g())
        except (E1, E2) as e:
            del e
        finally:
            pass
lambda q, *, r=1: q + r
'''


def _sources() -> List[Tuple[str, str]]:
    found = [("extra", EXTRA)]
    for name in SAMPLES:
        path = os.path.join(STDLIB, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                found.append((name, handle.read()))
    return found


SOURCES = _sources()


@contextmanager
def walk(fast: bool) -> Iterator[None]:
    was = traversal.installed()
    traversal.install() if fast else traversal.uninstall()
    try:
        yield
    finally:
        traversal.install() if was else traversal.uninstall()


class Recorder(cst.CSTVisitor):
    """Every visit and leave, and the attribute hooks of one node class."""

    def __init__(self) -> None:
        super().__init__()
        self.events: List[Tuple[str, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.events.append(("visit", id(node)))
        return not isinstance(node, cst.Lambda)  # a pruned subtree must stay pruned

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.events.append(("leave", id(original_node)))

    def visit_Call_args(self, node: cst.Call) -> None:
        self.events.append(("Call.args", id(node)))

    def leave_Call_args(self, node: cst.Call) -> None:
        self.events.append(("/Call.args", id(node)))


class Rewriter(cst.CSTTransformer):
    """Renames, removes, flattens and replaces, so every result kind goes through."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: List[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.seen.append(type(node).__name__)
        return super().on_visit(node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=updated_node.value + "_x") if len(updated_node.value) == 1 else updated_node

    def leave_Pass(self, original_node: cst.Pass, updated_node: cst.Pass):
        return cst.RemoveFromParent()

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr):
        if isinstance(updated_node.value, cst.Ellipsis):
            return cst.FlattenSentinel([updated_node, updated_node])
        return updated_node

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg):
        if isinstance(updated_node.value, cst.Integer) and updated_node.value.value == "0":
            return cst.RemoveFromParent()
        return updated_node


@pytest.mark.parametrize("name,source", SOURCES, ids=[n for n, _ in SOURCES])
def test_read_only_visits_are_the_same(name: str, source: str) -> None:
    module = cst.parse_module(source)
    recorded = []
    for fast in (False, True):
        with walk(fast):
            recorder = Recorder()
            module.visit(recorder)
            recorded.append(recorder.events)
    assert recorded[0] == recorded[1]
    assert any(kind == "Call.args" for kind, _ in recorded[0]) or "Call" not in source


@pytest.mark.parametrize("name,source", SOURCES, ids=[n for n, _ in SOURCES])
def test_transformer_results_are_the_same(name: str, source: str) -> None:
    module = cst.parse_module(source)
    outputs, seen = [], []
    for fast in (False, True):
        with walk(fast):
            rewriter = Rewriter()
            outputs.append(module.visit(rewriter).code)
            seen.append(rewriter.seen)
    assert outputs[0] == outputs[1]
    assert seen[0] == seen[1]
    assert outputs[0] != source


def test_unchanged_subtrees_are_shared_and_the_old_tree_is_untouched() -> None:
    module = cst.parse_module("def func():\n    return 1\n\nx = a\n")
    with walk(True):
        new = module.visit(Rewriter())
    assert new.code == "def func():\n    return 1\n\nx_x = a_x\n"
    assert new.body[0] is module.body[0]  # nothing below it changed
    assert module.code == "def func():\n    return 1\n\nx = a\n"


@pytest.mark.parametrize("name,source", SOURCES[:4], ids=[n for n, _ in SOURCES[:4]])
def test_metadata_is_the_same(name: str, source: str) -> None:
    module = cst.parse_module(source)
    providers = (ParentNodeProvider, ExpressionContextProvider, ScopeProvider, QualifiedNameProvider)
    class Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            in_tree.add(id(node))
            return True

    in_tree: set = set()
    with walk(False):
        module.visit(Collect())
    answers = []
    for fast in (False, True):
        with walk(fast):
            wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
            resolved = wrapper.resolve_many(providers)
            positions = wrapper.resolve(PositionProvider)
        summary = {}
        for provider in providers:
            for node, value in resolved[provider].items():
                if id(node) not in in_tree:
                    continue  # string annotations are parsed into new trees on each run
                key = (provider.__name__, id(node))
                if provider is ScopeProvider:
                    value = (type(value).__name__, id(value.node) if hasattr(value, "node") else None,
                             sorted((n, len(value.accesses[n]), len(value.assignments[n]))
                                    for n in {a.name for a in value.assignments}))
                elif provider is ParentNodeProvider:
                    value = id(value)
                elif provider is QualifiedNameProvider:
                    value = value() if hasattr(value, "callable") else value  # libcst's LazyValue
                    value = sorted((q.name, q.source.name) for q in value)
                else:
                    value = str(value)
                summary[key] = value
        summary["positions"] = sorted((id(n), p.start.line, p.start.column) for n, p in positions.items())
        answers.append(summary)
    assert answers[0] == answers[1]


def test_a_visitor_that_hooks_attributes_itself_keeps_libcst_walk() -> None:
    class Own(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.attributes: List[str] = []

        def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
            self.attributes.append(attribute)

    module = cst.parse_module("f(a, b=1)\n")
    counts = []
    for fast in (False, True):
        with walk(fast):
            own = Own()
            module.visit(own)
            counts.append(own.attributes)
    assert counts[0] == counts[1] and "args" in counts[0]


def test_the_environment_switch_keeps_libcst_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    with walk(False):
        monkeypatch.setenv("CODEMODS_LIBCST_WALK", "libcst")
        traversal.install()
        assert not traversal.installed()
