"""libcst's usage analysis (``codemods.cst.scope_usage``) behind the API of the ``ast``
one (``codemods.analysis.usage``): ``scope_of`` an ast node, scopes with ``kind``,
``node`` (the ast node) and ``assignments``.

The unused-variables plan run on it must decide exactly as the rewriter, which reads
the same analysis: a difference is then the plan's, not the ast analysis's. (With the
real ast analysis, a difference may be either's.)"""

from __future__ import annotations

import ast
from typing import Dict, Optional, Tuple

import libcst as cst
from libcst.metadata import (ClassScope, ComprehensionScope, FunctionScope, GlobalScope, MetadataWrapper,
                             PositionProvider, ScopeProvider)

from codemods.analysis.usage import Binding, Scope
from codemods.cst.scope_usage import analyse_module
from codemods.splice.positions import LineIndex

_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class BridgedUsage:
    def __init__(self, tree: ast.Module, text: str, wrapper: Optional[MetadataWrapper] = None) -> None:
        wrapper = wrapper if wrapper is not None else MetadataWrapper(cst.parse_module(text))
        scopes = wrapper.resolve(ScopeProvider)
        positions = wrapper.resolve(PositionProvider)
        self.cst_usage = usage = analyse_module(wrapper.module, scopes, positions)
        lines = LineIndex(text)
        by_position: Dict[Tuple[int, int], ast.AST] = {}
        for node in ast.walk(tree):
            if isinstance(node, _SCOPE_NODES):
                by_position.setdefault((node.lineno, lines.character_column(node)), node)
        self.to_bridge: Dict[object, Scope] = {}
        self.to_cst: Dict[int, object] = {}
        for scope in usage.scopes:
            self._bridge(scope, tree, by_position, positions)
        #: the outermost libcst node at each position: its scope
        self.at: Dict[Tuple[int, int], Scope] = {}
        bridge = self

        class Index(cst.CSTVisitor):
            def on_visit(self, node: cst.CSTNode) -> bool:
                position = positions.get(node)
                scope = scopes.get(node)
                if position is not None and scope is not None:
                    key = (position.start.line, position.start.column + 1)
                    if key not in bridge.at:
                        bridge.at[key] = bridge._bridge(scope, tree, by_position, positions)
                return True

        wrapper.module.visit(Index())
        self.lines = lines
        rekey = lambda mapping: {self.to_bridge[k]: v for k, v in mapping.items() if k in self.to_bridge}  # noqa: E731
        self.declared = rekey(usage.declared)
        self.walrus = rekey(usage.walrus)
        self.deleted = rekey(usage.deleted)
        self.bound = rekey(usage.bound)
        self.suppression = usage.suppression

    def _bridge(self, scope, tree, by_position, positions) -> Scope:
        if scope in self.to_bridge:
            return self.to_bridge[scope]
        parent = None if isinstance(scope, GlobalScope) else self._bridge(scope.parent, tree, by_position, positions)
        if isinstance(scope, GlobalScope):
            kind, node = "module", tree
        else:
            kind = ("class" if isinstance(scope, ClassScope) else "comprehension" if isinstance(scope, ComprehensionScope)
                    else "lambda" if isinstance(scope.node, cst.Lambda) else "function"
                    if isinstance(scope, FunctionScope) else "other")
            start = positions[scope.node].start
            node = by_position.get((start.line, start.column + 1)) if kind != "comprehension" else scope.node
        bridged = Scope(node, parent, kind)
        for assignment in scope.assignments:
            bridged.assignments.setdefault(assignment.name, []).append(
                Binding(assignment.name, "param" if isinstance(assignment.node, cst.Param) else "name", None))
        self.to_bridge[scope] = bridged
        self.to_cst[id(bridged)] = scope
        return bridged

    def scope_of(self, node: ast.AST) -> Scope:
        if isinstance(node, ast.withitem):
            node = node.context_expr
        return self.at[(node.lineno, self.lines.character_column(node))]

    def binding_scope(self, scope: Scope, name: str) -> Scope:
        return self.to_bridge[self.cst_usage.binding_scope(self.to_cst[id(scope)], name)]

    def is_read(self, scope: Scope, name: str) -> bool:
        return self.cst_usage.is_read(self.to_cst[id(scope)], name)

    def read_within(self, scope: Scope, name: str) -> bool:
        return self.cst_usage.read_within(self.to_cst[id(scope)], name)

    def reads_locals_dynamically(self, scope: Scope) -> bool:
        return self.cst_usage.reads_locals_dynamically(self.to_cst[id(scope)])


def bridged_usage(tree: ast.Module, text: str) -> BridgedUsage:
    return BridgedUsage(tree, text)
