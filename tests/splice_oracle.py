"""The libcst answer for partial edits, to hold ``codemods.splice.partial`` against.

``compare`` takes the edits of ``tests.splice_samples.sample_edits`` (or given ones),
splices their replacements into the text and runs the same changes through a libcst
transformer over the whole module (``_without_names`` of the unused-imports rewriter
for imports, the rewriters' own node changes for the rest); both texts must be equal.
Edits whose spans do not overlap share one libcst pass.
"""

from __future__ import annotations

import ast
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.splice.partial import NotSure, replacement_or_reason
from codemods.splice.plan import Edit, Replacement, SpliceSource
from codemods.splice.positions import LineIndex
from codemods.transforms.unused_imports.rewriter import _without_names
from tests.splice_samples import sample_edits


def _key(edit: Edit, lines: LineIndex) -> Tuple[str, int, int]:
    """Where libcst's node for the edit starts (its PositionProvider leaves out parentheses)."""
    node = edit.node.optional_vars if edit.kind == "drop-with-name" else edit.node
    family = {"drop-names": "statement", "to-expression": "statement", "drop-targets": "statement"}.get(
        edit.kind, edit.kind)
    return family, node.lineno, lines.character_column(node) - 1


class _Oracle(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, edits: Dict[Tuple[str, int, int], Edit]) -> None:
        super().__init__()
        self.edits = edits
        self.applied = 0

    def _edit(self, family: str, node: cst.CSTNode) -> Optional[Edit]:
        start = self.get_metadata(PositionProvider, node).start
        edit = self.edits.get((family, start.line, start.column))
        self.applied += edit is not None
        return edit

    def _statement(self, original, updated):
        edit = self._edit("statement", original)
        if edit is None:
            return updated
        if edit.kind == "drop-names":
            return updated.with_changes(**_without_names(updated, edit.flags))
        if edit.kind == "to-expression":
            return cst.Expr(value=updated.value, semicolon=updated.semicolon)
        return updated.with_changes(targets=[t for t, drop in zip(updated.targets, edit.flags) if not drop])

    leave_Import = leave_ImportFrom = leave_Assign = leave_AnnAssign = _statement

    def _handler(self, original, updated):
        return updated if self._edit("drop-handler-name", original) is None else updated.with_changes(name=None)

    leave_ExceptHandler = leave_ExceptStarHandler = _handler

    def leave_WithItem(self, original: cst.WithItem, updated: cst.WithItem):
        if original.asname is None or self._edit("drop-with-name", original.asname.name) is None:
            return updated
        return updated.with_changes(asname=None)

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        return updated if self._edit("rename", original) is None else updated.with_changes(value="_")


def splice(text: str, replacements: Sequence[Replacement]) -> str:
    for replacement in sorted(replacements, key=lambda r: r.start, reverse=True):
        text = text[:replacement.start] + replacement.new + text[replacement.end:]
    return text


@dataclass
class Outcome:
    #: per kind: "identical", "DIFFERENT", or "None: <reason>"
    counts: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    #: (path, kind, line, expected, got) of each difference
    differences: List[Tuple[str, str, int, str, str]] = field(default_factory=list)
    splice_seconds: float = 0.0
    oracle_seconds: float = 0.0


def _rounds(pairs: List[Tuple[Edit, Replacement]]) -> List[List[Tuple[Edit, Replacement]]]:
    """Groups of pairs with disjoint spans and one edit per node (one libcst pass each)."""
    rounds: List[List[Tuple[Edit, Replacement]]] = []
    ends: List[int] = []
    nodes: List[set] = []
    for pair in sorted(pairs, key=lambda p: (p[1].start, p[1].end)):
        edit, replacement = pair
        for index, end in enumerate(ends):
            if replacement.start >= end and id(edit.node) not in nodes[index]:
                break
        else:
            index = len(rounds)
            rounds.append([])
            ends.append(0)
            nodes.append(set())
        rounds[index].append(pair)
        ends[index] = max(replacement.end, replacement.start + 1)
        nodes[index].add(id(edit.node))
    return rounds


def compare(text: str, path: str = "<text>", outcome: Optional[Outcome] = None,
            edits: Optional[List[Edit]] = None) -> Outcome:
    outcome = outcome if outcome is not None else Outcome()
    tree = ast.parse(text)
    lines = LineIndex(text)
    source = SpliceSource(text, tree, lines)
    pairs: List[Tuple[Edit, Replacement]] = []
    started = time.perf_counter()
    for edit in sample_edits(tree) if edits is None else edits:
        try:
            pairs.append((edit, replacement_or_reason(source, edit)))
        except NotSure as reason:
            outcome.counts[edit.kind][f"None: {reason}"] += 1
    outcome.splice_seconds += time.perf_counter() - started
    if not pairs:
        return outcome
    started = time.perf_counter()
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    for group in _rounds(pairs):
        expected = _oracle(wrapper, group, lines)
        if expected == splice(text, [r for _, r in group]):
            for edit, _ in group:
                outcome.counts[edit.kind]["identical"] += 1
            continue
        for edit, replacement in group:  # find which
            expected = _oracle(wrapper, [(edit, replacement)], lines)
            got = splice(text, [replacement])
            if expected == got:
                outcome.counts[edit.kind]["identical"] += 1
            else:
                outcome.counts[edit.kind]["DIFFERENT"] += 1
                outcome.differences.append((path, edit.kind, getattr(edit.node, "lineno", 0), expected, got))
    outcome.oracle_seconds += time.perf_counter() - started
    return outcome


def _oracle(wrapper: MetadataWrapper, group: List[Tuple[Edit, Replacement]], lines: LineIndex) -> str:
    oracle = _Oracle({_key(edit, lines): edit for edit, _ in group})
    code = wrapper.visit(oracle).code
    if oracle.applied != len(group):
        return f"<libcst found {oracle.applied} of {len(group)} nodes>"
    return code


def statement_text(text: str, line: int) -> str:
    """The lines around ``line``, for a report."""
    all_lines = text.splitlines()
    return "\n".join(all_lines[max(0, line - 3):line + 3])
