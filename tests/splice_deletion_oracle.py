"""The libcst answer for whole-statement deletions, to hold ``codemods.splice.apply``
against.

``_Oracle`` is a ``StatementRemovingRewriter`` that removes the small statements found
at given positions, so libcst's printing of its tree is what the unused rewriters would
give for the same deletions. ``patterns`` names sets of statements to delete in one
tree (every import, the first/last/middle line of every block, every line of a block,
one statement of each ``a; b`` line, statements under comments, ...); ``compare``
runs each set through both and counts identical / None (with the reason) / DIFFERENT.
"""

from __future__ import annotations

import ast
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.contract import RewriteContext
from codemods.cst import traversal
from codemods.cst.statement_removal import StatementRemovingRewriter
from codemods.splice.apply import apply_or_reason
from codemods.splice.deletion import NotSure
from codemods.splice.plan import Edit, SpliceSource
from codemods.splice.positions import LineIndex

traversal.install()  # as the engine runs the rewriters

_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
             ast.With, ast.AsyncWith, ast.Try, ast.Match) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


class _Oracle(StatementRemovingRewriter):
    def __init__(self, targets: Set[Tuple[int, int]]) -> None:
        super().__init__(RewriteContext(codemod_id="oracle", path="oracle.py", options={}))
        self.targets = targets
        self.applied = 0

    def on_leave(self, original_node, updated_node):
        if isinstance(original_node, cst.BaseSmallStatement):
            start = self.get_metadata(PositionProvider, original_node).start
            if (start.line, start.column) in self.targets:
                self.applied += 1
                return cst.RemovalSentinel.REMOVE
        return super().on_leave(original_node, updated_node)


def libcst_result(wrapper: MetadataWrapper, lines: LineIndex, statements: Sequence[ast.stmt]) -> str:
    oracle = _Oracle({(s.lineno, lines.character_column(s) - 1) for s in statements})
    code = wrapper.visit(oracle).code
    if oracle.applied != len(statements):
        return f"<libcst found {oracle.applied} of {len(statements)} statements>"
    return code


# -- what to delete ------------------------------------------------------------------

def _blocks(tree: ast.Module) -> Iterator[List[ast.stmt]]:
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body


def _lines_of(body: List[ast.stmt]) -> List[List[ast.stmt]]:
    """The block's small statements grouped by the line they start on (compound ones skipped)."""
    groups: List[List[ast.stmt]] = []
    for statement in body:
        if isinstance(statement, _COMPOUND):
            groups.append([])
        elif groups and groups[-1] and groups[-1][-1].end_lineno == statement.lineno:
            groups[-1].append(statement)
        else:
            groups.append([statement])
    return groups


def _each_block(pick: Callable[[List[List[ast.stmt]]], List[List[ast.stmt]]]) -> Callable[[ast.Module, str], List[ast.stmt]]:
    def chosen(tree: ast.Module, text: str) -> List[ast.stmt]:
        found: List[ast.stmt] = []
        for body in _blocks(tree):
            groups = _lines_of(body)
            for group in pick(groups):
                found += group
        return found
    return chosen


def _imports(tree: ast.Module, text: str) -> List[ast.stmt]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def _everything(tree: ast.Module, text: str) -> List[ast.stmt]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and not isinstance(n, _COMPOUND)]


def _whole_blocks(tree: ast.Module, text: str) -> List[ast.stmt]:
    """Every statement of the indented blocks made only of small statements (-> pass)."""
    found: List[ast.stmt] = []
    for body in _blocks(tree):
        if body is not tree.body and not any(isinstance(s, _COMPOUND) for s in body):
            found += body
    return found


def _semicolon(which: int) -> Callable[[ast.Module, str], List[ast.stmt]]:
    def chosen(tree: ast.Module, text: str) -> List[ast.stmt]:
        return [group[which] for body in _blocks(tree) for group in _lines_of(body) if len(group) > 1]
    return chosen


def _commented(tree: ast.Module, text: str) -> List[ast.stmt]:
    """Lines with a comment line above them or a comment after them."""
    lines = text.splitlines()
    found: List[ast.stmt] = []
    for body in _blocks(tree):
        for group in _lines_of(body):
            if not group:
                continue
            above = lines[group[0].lineno - 2].strip() if group[0].lineno >= 2 else ""
            after = lines[group[-1].end_lineno - 1][group[-1].end_col_offset:] if group[-1].end_lineno <= len(lines) else ""
            if above.startswith("#") or "#" in after:
                found += group
    return found


def _pick(indexes: Callable[[int], Sequence[int]]) -> Callable[[List[List[ast.stmt]]], List[List[ast.stmt]]]:
    return lambda groups: [groups[i] for i in indexes(len(groups)) if 0 <= i < len(groups)]


PATTERNS: Dict[str, Callable[[ast.Module, str], List[ast.stmt]]] = {
    "imports": _imports,
    "first": _each_block(_pick(lambda n: [0])),
    "last": _each_block(_pick(lambda n: [n - 1])),
    "middle": _each_block(_pick(lambda n: [n // 2] if n > 2 else [])),
    "first-two": _each_block(_pick(lambda n: [0, 1])),
    "last-two": _each_block(_pick(lambda n: [n - 2, n - 1] if n > 1 else [])),
    "every-other": _each_block(_pick(lambda n: range(1, n, 2))),
    "whole-blocks": _whole_blocks,
    "everything": _everything,
    "semicolon-first": _semicolon(0),
    "semicolon-last": _semicolon(-1),
    "commented": _commented,
}


# -- comparing -----------------------------------------------------------------------

@dataclass
class Outcome:
    #: per pattern: "identical", "DIFFERENT", "None: <reason>", "refused by libcst"
    counts: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    #: statements deleted per pattern and outcome ("identical" / "None" / "DIFFERENT")
    statements: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    #: (path, pattern, expected, got) of each difference
    differences: List[Tuple[str, str, str, str]] = field(default_factory=list)
    splice_seconds: float = 0.0
    oracle_seconds: float = 0.0


def compare(text: str, path: str = "<text>", outcome: Optional[Outcome] = None,
            patterns: Optional[Sequence[str]] = None, with_libcst: bool = True) -> Outcome:
    """Each pattern's deletions through both; ``with_libcst=False``: the splices alone
    (their None reasons and time; a text counts as "spliced")."""
    outcome = outcome if outcome is not None else Outcome()
    tree = ast.parse(text)
    lines = LineIndex(text)
    wrapper: Optional[MetadataWrapper] = None
    refused = False
    seen: Set[Tuple[int, ...]] = set()
    for name in patterns or PATTERNS:
        statements = PATTERNS[name](tree, text)
        key = tuple(sorted(id(s) for s in statements))
        if not statements or key in seen:
            continue
        seen.add(key)
        started = time.perf_counter()
        source = SpliceSource(text, tree, lines)
        try:
            got: Optional[str] = apply_or_reason(source, [Edit("delete", s) for s in statements])
            reason = ""
        except NotSure as error:
            got, reason = None, str(error)
        outcome.splice_seconds += time.perf_counter() - started
        if not with_libcst:
            verdict = "spliced" if got is not None else "None: " + reason
            outcome.statements[name]["None" if got is None else "spliced"] += len(statements)
            outcome.counts[name][verdict] += 1
            continue
        started = time.perf_counter()
        if wrapper is None and not refused:
            try:
                module = cst.parse_module(text)
                refused = module.code != text
            except Exception:  # libcst cannot parse it: the libcst path refuses the file
                refused = True
            if not refused:
                wrapper = MetadataWrapper(module)
        expected = None if refused else libcst_result(wrapper, lines, statements)
        outcome.oracle_seconds += time.perf_counter() - started
        if got is None:
            verdict = "None: " + reason
            outcome.statements[name]["None"] += len(statements)
        elif refused:
            verdict = "DIFFERENT (libcst refuses the file)"
            outcome.statements[name]["DIFFERENT"] += len(statements)
            outcome.differences.append((path, name, "<refused>", got))
        elif got == expected:
            verdict = "identical"
            outcome.statements[name]["identical"] += len(statements)
        else:
            verdict = "DIFFERENT"
            outcome.statements[name]["DIFFERENT"] += len(statements)
            outcome.differences.append((path, name, expected, got))
        outcome.counts[name][verdict] += 1
    return outcome


def first_difference(expected: str, got: str) -> str:
    """The lines around the first difference, for a report."""
    index = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    line = expected.count("\n", 0, index)
    want = expected.splitlines(True)[max(0, line - 3):line + 3]
    have = got.splitlines(True)[max(0, line - 3):line + 3]
    return f"line {line + 1}:\n  expected {''.join(want)!r}\n  got      {''.join(have)!r}"
