"""The partial edits a test tries on a tree (libcst-free, so that a test can show that
splicing them never imports libcst): every import of two or more names losing each
name, all but the first, all but the last; every assignment turned into its value;
every target of a chained assignment dropped; every ``except ... as`` and ``with ...
as`` name dropped; every name target of a ``for`` or an unpacking renamed."""

from __future__ import annotations

import ast
from typing import Iterator, List, Tuple

from codemods.splice.plan import Edit


def _import_variants(count: int) -> Iterator[Tuple[bool, ...]]:
    seen = set()
    variants = [tuple(i != j for i in range(count)) for j in range(count)]
    variants += [tuple(i == 0 for i in range(count)), tuple(i == count - 1 for i in range(count))]
    for flags in variants:
        if flags not in seen:
            seen.add(flags)
            yield flags


def _target_names(target: ast.AST) -> Iterator[ast.Name]:
    if isinstance(target, ast.Name):
        yield target
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)


def sample_edits(tree: ast.Module) -> List[Edit]:
    edits: List[Edit] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and len(node.names) > 1:
            edits += [Edit("drop-names", node, flags) for flags in _import_variants(len(node.names))]
        elif isinstance(node, ast.Assign):
            edits.append(Edit("to-expression", node))
            if len(node.targets) > 1:
                count = len(node.targets)
                edits += [Edit("drop-targets", node, tuple(i == j for i in range(count))) for j in range(count)]
            for target in node.targets:
                if not isinstance(target, ast.Name):
                    edits += [Edit("rename", name) for name in _target_names(target)]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            edits.append(Edit("to-expression", node))
        elif isinstance(node, ast.ExceptHandler) and node.name is not None:
            edits.append(Edit("drop-handler-name", node))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            edits += [Edit("drop-with-name", item) for item in node.items if isinstance(item.optional_vars, ast.Name)]
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            edits += [Edit("rename", name) for name in _target_names(node.target)]
    return edits
