"""Run unused-imports' libcst rewriter (one pass) and its ``ast`` plan on one text
with the same context, and say whether they decide the same: fixes and findings
(order included), and per import statement the same edit. Shared by
tests/test_unused_imports_plan.py and scripts/imports_plan_equivalence.py."""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from typing import Any, List, Mapping, Optional

import libcst as cst

from codemods.analysis.modules import module_name_for
from codemods.contract import RewriteContext
from codemods.engine.rewrite import RECURSION_LIMIT, apply_transformer
from codemods.registry import find_codemod
from codemods.splice.plan import SpliceSource
from codemods.splice.positions import LineIndex
from codemods.transforms.unused_imports.plan import plan_unused_imports
from codemods.transforms.unused_imports.rewriter import UnusedImportsRewriter


class _RecordingRewriter(UnusedImportsRewriter):
    """The rewriter, noting what it decided for each import statement."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.decisions: List[tuple] = []
        self._keeps: List[bool] = []

    def _keep(self, statement, alias, scope) -> bool:
        kept = super()._keep(statement, alias, scope)
        self._keeps.append(kept)
        return kept

    def _prune(self, original, updated):
        self._keeps = []
        result = super()._prune(original, updated)
        if self._keeps and not all(self._keeps):
            kind = "delete" if not any(self._keeps) else "drop-names"
            flags = () if kind == "delete" else tuple(self._keeps)
            self.decisions.append((self.position(original), kind, flags))
        return result


@dataclass
class Comparison:
    status: str  # identical | different | fallback | refused
    reason: str = ""
    differences: List[str] = field(default_factory=list)
    fixes: int = 0


def _context(path: str, options: Mapping[str, Any], project: Any, text: str, original: Any) -> RewriteContext:
    codemod = find_codemod("unused-imports")
    _, is_init = module_name_for(path)
    return RewriteContext(codemod_id=codemod.id, path=path, options=codemod.resolve_options(dict(options)),
                          safe=codemod.safe, is_package_init=is_init, project=project,
                          original_text=text, original_module=original)


def compare_text(text: str, path: str = "case.py", options: Optional[Mapping[str, Any]] = None,
                 project: Any = None) -> Comparison:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))  # as the engine runs a rewriter
    try:
        return _compare(text, path, options, project)
    except RecursionError:
        return Comparison("refused", "RecursionError")
    finally:
        sys.setrecursionlimit(previous)


def _compare(text: str, path: str, options: Optional[Mapping[str, Any]], project: Any) -> Comparison:
    try:
        module = cst.parse_module(text)
    except Exception as error:  # what libcst refuses never reaches either
        return Comparison("refused", type(error).__name__)
    if module.code != text:
        return Comparison("refused", "libcst does not reproduce the text")
    context = _context(path, options or {}, project, text, module)
    rewriter = _RecordingRewriter(context)
    from libcst.metadata import MetadataWrapper

    apply_transformer(module, MetadataWrapper(module, unsafe_skip_copy=True), rewriter)
    tree = ast.parse(text)
    source = SpliceSource(text, tree, LineIndex(text), original_tree=tree, original_text=text)
    plan_context = _context(path, options or {}, project, text, None)
    plan = plan_unused_imports(source, plan_context)
    if plan.fallback is not None:
        return Comparison("fallback", plan.fallback, fixes=len(context.fixes))
    differences: List[str] = []
    cst_fixes = [(f.line, f.column, f.message, f.safe) for f in context.fixes]
    plan_fixes = [(line, column, message, safe and context.safe) for line, column, message, safe in plan.fixes]
    if cst_fixes != plan_fixes:
        differences.append(f"fixes: libcst {cst_fixes} / plan {plan_fixes}")
    cst_findings = [(f.line, f.column, f.message, f.hint) for f in context.findings]
    if cst_findings != list(plan.findings):
        differences.append(f"findings: libcst {cst_findings} / plan {plan.findings}")
    lines = source.lines
    plan_edits = sorted(((e.node.lineno, lines.character_column(e.node)), e.kind, e.flags) for e in plan.edits)
    if sorted(rewriter.decisions) != plan_edits:
        differences.append(f"edits: libcst {sorted(rewriter.decisions)} / plan {plan_edits}")
    return Comparison("different" if differences else "identical", differences=differences, fixes=len(cst_fixes))
