"""The libcst rewriter of ``unused-variables`` against its ``ast`` plan on one text: the
same fixes and findings (order included), and edits that are the rewriter's changes.

Shared by tests/test_unused_variables_plan.py and scripts/variables_plan_equivalence.py.
"""

from __future__ import annotations

import ast
from typing import Any, List, Mapping, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper

from codemods.contract import RewriteContext
from codemods.registry import find_codemod
from codemods.splice.plan import SpliceSource
from codemods.splice.positions import LineIndex
from codemods.transforms.unused_variables.plan import plan_unused_variables
from codemods.transforms.unused_variables.rewriter import UnusedVariablesRewriter

CODEMOD = "unused-variables"


class _RecordingRewriter(UnusedVariablesRewriter):
    """The rewriter, noting each change it makes as the plan's edit would describe it."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.edits: List[tuple] = []

    def _note(self, kind: str, node: cst.CSTNode, flags: Tuple[bool, ...] = ()) -> None:
        self.edits.append((kind,) + self.position(node) + (flags,))

    def leave_Assign(self, original_node, updated_node):
        result = super().leave_Assign(original_node, updated_node)
        self._binding(original_node, result)
        if isinstance(result, cst.Assign) and len(result.targets) < len(original_node.targets):
            remaining = [t.target for t in result.targets]
            flags = []
            for target in original_node.targets:
                kept = bool(remaining) and (not isinstance(target.target, cst.Name)
                                            or isinstance(remaining[0], cst.Name)
                                            and remaining[0].value == target.target.value)
                if kept:
                    remaining.pop(0)
                flags.append(not kept)
            self._note("drop-targets", original_node, tuple(flags))
        return result

    def leave_AnnAssign(self, original_node, updated_node):
        result = super().leave_AnnAssign(original_node, updated_node)
        self._binding(original_node, result)
        return result

    def _binding(self, original, result) -> None:
        if result is cst.RemovalSentinel.REMOVE:
            self._note("delete", original)
        elif isinstance(result, cst.Expr):
            self._note("to-expression", original)

    def _handler(self, original, updated):
        result = super()._handler(original, updated)
        if original.name is not None and result.name is None:
            self._note("drop-handler-name", original)
        return result

    def leave_WithItem(self, original_node, updated_node):
        result = super().leave_WithItem(original_node, updated_node)
        if original_node.asname is not None and result.asname is None:
            self._note("drop-with-name", original_node)
        return result

    def _renamed(self, target, scope, node):
        result, changed = super()._renamed(target, scope, node)
        if changed and isinstance(target, cst.Name):
            self._note("rename", target)
        return result, changed


def _context(options: Mapping[str, Any], unsafe: bool) -> RewriteContext:
    return RewriteContext(codemod_id=CODEMOD, path="case.py",
                          options=find_codemod(CODEMOD).resolve_options(dict(options)), unsafe_fixes=unsafe)


def rewriter_decisions(text: str, options: Mapping[str, Any] = {}, unsafe: bool = False,
                       wrapper: Optional[MetadataWrapper] = None) -> tuple:
    context = _context(options, unsafe)
    rewriter = _RecordingRewriter(context)
    (wrapper if wrapper is not None else MetadataWrapper(cst.parse_module(text))).visit(rewriter)
    return ([(f.line, f.column, f.message, f.safe) for f in context.fixes],
            [(f.line, f.column, f.message, f.hint) for f in context.findings],
            sorted(rewriter.edits))


def plan_decisions(text: str, options: Mapping[str, Any] = {}, unsafe: bool = False,
                   analyse=None, tree: Optional[ast.Module] = None) -> Tuple[Optional[str], tuple]:
    """(the plan's fallback reason, its decisions in the rewriter's terms)."""
    tree = tree if tree is not None else ast.parse(text)
    lines = LineIndex(text)
    kwargs = {"analyse": analyse} if analyse is not None else {}
    plan = plan_unused_variables(SpliceSource(text, tree, lines), _context(options, unsafe), **kwargs)
    edits = []
    for edit in plan.edits:
        node = edit.node.context_expr if isinstance(edit.node, ast.withitem) else edit.node
        edits.append((edit.kind, node.lineno, lines.character_column(node), edit.flags))
    return plan.fallback, (list(plan.fixes), list(plan.findings), sorted(edits))


def compare(text: str, options: Mapping[str, Any] = {}, unsafe: bool = False, analyse=None,
            wrapper: Optional[MetadataWrapper] = None, tree: Optional[ast.Module] = None) -> Tuple[str, str]:
    """("identical" | "fallback" | "different", detail)."""
    fallback, planned = plan_decisions(text, options, unsafe, analyse, tree)
    if fallback is not None:
        return "fallback", fallback
    expected = rewriter_decisions(text, options, unsafe, wrapper)
    if planned == expected:
        return "identical", ""
    for what, a, b in zip(("fixes", "findings", "edits"), planned, expected):
        if a != b:
            return "different", f"{what}: plan {a!r}\n    rewriter {b!r}"
    return "different", "?"


def compare_both(text: str, options: Mapping[str, Any] = {}, bridged: bool = False) -> List[Tuple[str, str]]:
    """``compare`` without and with unsafe fixes, libcst parsing the text once; with
    ``bridged``, the plan decides from libcst's usage analysis (tests/usage_bridge.py)."""
    from tests.usage_bridge import BridgedUsage

    tree = ast.parse(text)
    wrapper = MetadataWrapper(cst.parse_module(text))
    analyse = None
    if bridged:
        bridge = BridgedUsage(tree, text, wrapper)
        analyse = lambda _tree, _text: bridge  # noqa: E731
    return [compare(text, options, unsafe, analyse, wrapper, tree) for unsafe in (False, True)]
