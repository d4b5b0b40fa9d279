"""Run both usage analyses on one text and list where their answers differ: libcst's
(``codemods.cst.scope_usage`` on ScopeProvider + PositionProvider) and the ``ast`` one
(``codemods.analysis.usage``). Used by ``test_usage_equivalence`` and
``scripts/usage_equivalence.py``.

Scopes are matched by (kind, line, column) of what opens them: the ``def``/``class``/
``lambda`` keyword, or a comprehension's first target name (libcst and ``ast`` place
a generator expression's start differently). Columns are characters, 0-based.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import (ClassScope, ComprehensionScope, GlobalScope,
                             MetadataWrapper, PositionProvider, ScopeProvider)

from libcst.metadata.scope_provider import AnnotationScope

from codemods.analysis.usage import Scope, analyse_usage
from codemods.cst.scope_usage import analyse_module
from codemods.splice.positions import LineIndex

Key = Tuple[str, int, int]


def _first_target_name_cst(node: cst.CSTNode) -> cst.CSTNode:
    while True:
        if isinstance(node, (cst.Tuple, cst.List)):
            node = node.elements[0].value
        elif isinstance(node, cst.StarredElement):
            node = node.value
        elif isinstance(node, (cst.Attribute, cst.Subscript)):
            node = node.value
        else:
            return node


def _first_target_name_ast(node: ast.AST) -> ast.AST:
    while True:
        if isinstance(node, (ast.Tuple, ast.List)):
            node = node.elts[0]
        elif isinstance(node, ast.Starred):
            node = node.value
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        else:
            return node


def _cst_key(scope, positions) -> Key:
    if isinstance(scope, GlobalScope):
        return ("module", 0, 0)
    node = scope.node
    if isinstance(scope, AnnotationScope):
        kind = "annotation"
    elif isinstance(scope, ClassScope):
        kind = "class"
    elif isinstance(scope, ComprehensionScope):
        kind = "comprehension"
        node = _first_target_name_cst(node.for_in.target)
    elif isinstance(node, cst.Lambda):
        kind = "lambda"
    else:
        kind = "function"
    start = positions[node].start
    return (kind, start.line, start.column)


def _ast_key(scope: Scope, lines: LineIndex) -> Key:
    if scope.kind == "module":
        return ("module", 0, 0)
    node = scope.node
    if scope.kind == "comprehension":
        node = _first_target_name_ast(node.generators[0].target)  # type: ignore[attr-defined]
    return (scope.kind, node.lineno, lines.character_column(node) - 1)  # type: ignore[attr-defined]


def _assignment_kind(node: cst.CSTNode) -> str:
    if isinstance(node, (cst.Import, cst.ImportFrom)):
        return "import"
    if isinstance(node, cst.Param):
        return "param"
    if isinstance(node, cst.FunctionDef):
        return "def"
    if isinstance(node, cst.ClassDef):
        return "class"
    if isinstance(node, cst.TypeAlias):
        return "typealias"
    if isinstance(node, (cst.TypeVar, cst.TypeVarTuple, cst.ParamSpec)):
        return "typeparam"
    return "name"


def _names(values) -> List[str]:
    return sorted(values)


class Comparison:
    def __init__(self) -> None:
        self.status = "same"  # same | different | unsure | refused (libcst) | unparsable (ast)
        self.reason: Optional[str] = None
        self.differences: List[str] = []
        self.checked_nodes = 0

    def differ(self, what: str) -> None:
        self.status = "different"
        if len(self.differences) < 20:
            self.differences.append(what)


def compare_text(text: str, check_unsure: bool = False) -> Comparison:
    result = Comparison()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        result.status = "unparsable"
        return result
    try:
        module = cst.parse_module(text)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        scopes = wrapper.resolve(ScopeProvider)
        positions = wrapper.resolve(PositionProvider)
        expected = analyse_module(module, scopes, positions)
    except Exception as error:  # libcst refuses the file: not a difference
        result.status = "refused"
        result.reason = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        return result
    actual = analyse_usage(tree, text)
    if actual.unsure is not None:
        result.status = "unsure"
        result.reason = actual.unsure
        if not check_unsure:
            return result
    lines = LineIndex(text)

    cst_by_key: Dict[Key, object] = {}
    for scope in expected.scopes:
        key = _cst_key(scope, positions)
        if key in cst_by_key:
            result.differ(f"two libcst scopes at {key}")
        cst_by_key[key] = scope
    ast_by_key: Dict[Key, Scope] = {}
    for scope in actual.scopes:
        key = _ast_key(scope, lines)
        if key in ast_by_key:
            result.differ(f"two ast scopes at {key}")
        ast_by_key[key] = scope
    if set(cst_by_key) != set(ast_by_key):
        result.differ(f"scopes only in libcst: {sorted(set(cst_by_key) - set(ast_by_key))[:5]}; "
                      f"only in ast: {sorted(set(ast_by_key) - set(cst_by_key))[:5]}")
    to_key = {id(scope): key for key, scope in cst_by_key.items()}
    from_ast = {id(scope): key for key, scope in ast_by_key.items()}

    def by_key_cst(mapping) -> Dict[Key, object]:
        return {to_key.get(id(scope), ("?",) + (0, 0)): value for scope, value in mapping.items() if value}

    def by_key_ast(mapping) -> Dict[Key, object]:
        return {from_ast.get(id(scope), ("?",) + (0, 0)): value for scope, value in mapping.items() if value}

    for field in ("bound", "declared", "reads", "reads_within", "deleted", "walrus"):
        left, right = by_key_cst(getattr(expected, field)), by_key_ast(getattr(actual, field))
        if left != right:
            for key in sorted(set(left) | set(right)):
                if left.get(key) != right.get(key):
                    a, b = left.get(key) or {}, right.get(key) or {}
                    if isinstance(a, set) and isinstance(b, set):
                        result.differ(f"{field} {key}: libcst only {sorted(a - b)[:8]}, ast only {sorted(b - a)[:8]}")
                    else:
                        result.differ(f"{field} {key}: libcst {a} ast {b}")
    for field in ("everywhere", "builtin_reads", "respelled", "normalized_reads"):
        a, b = getattr(expected, field), getattr(actual, field)
        if a != b:
            result.differ(f"{field}: libcst only {sorted(a - b)[:8]}, ast only {sorted(b - a)[:8]}")
    frames_cst = {to_key.get(id(s)) for s in expected.frame_access}
    frames_ast = {from_ast.get(id(s)) for s in actual.frame_access}
    if frames_cst != frames_ast:
        result.differ(f"frame_access: libcst {sorted(map(str, frames_cst))[:5]} ast {sorted(map(str, frames_ast))[:5]}")
    if expected.caller_frames != actual.caller_frames:
        result.differ(f"caller_frames: libcst {expected.caller_frames} ast {actual.caller_frames}")
    if expected.suppression.noqa != actual.suppression.noqa:
        result.differ(f"noqa: libcst {expected.suppression.noqa} ast {actual.suppression.noqa}")
    if expected.suppression.ignore != actual.suppression.ignore:
        result.differ(f"ignore: libcst {expected.suppression.ignore} ast {actual.suppression.ignore}")

    # assignments: kind and line of each binding, per scope and name
    for key, scope in cst_by_key.items():
        other = ast_by_key.get(key)
        if other is None:
            continue
        names = {name for name in (a.name.split(".", 1)[0] for a in scope.assignments)}  # type: ignore[attr-defined]
        if names != set(other.assignments):
            continue  # reported as ``bound``
        for name in names:
            left = sorted((_assignment_kind(a.node), _cst_line(a, positions))
                          for a in scope.assignments[name])  # type: ignore[attr-defined]
            right = sorted(("name" if b.kind == "except" else b.kind, _ast_line(b)) for b in other.assignments[name])
            if left != right:
                result.differ(f"assignments {key} {name}: libcst {left} ast {right}")

    _compare_scope_of(module, tree, scopes, positions, actual, lines, to_key, from_ast, result)
    return result


def _ast_line(binding) -> int:
    if binding.kind == "except":  # ``as name`` follows the handler's type
        return binding.node.type.end_lineno
    return (binding.statement or binding.node).lineno


def _cst_line(assignment, positions) -> int:
    node = assignment.node
    if isinstance(node, cst.Param):
        node = node.name
    return positions[node].start.line


_CST_CATEGORIES = ((cst.Name, "name"), (cst.ImportAlias, "alias"), (cst.ExceptHandler, "handler"),
                   (cst.ExceptStarHandler, "handler"), (cst.BaseSmallStatement, "stmt"),
                   (cst.BaseCompoundStatement, "stmt"))


def _compare_scope_of(module, tree, scopes, positions, actual, lines, to_key, from_ast, result) -> None:
    """``scope_of`` for every Name, alias, handler, parameter and statement."""
    index: Dict[Tuple[str, int, int], object] = {}
    for node, scope in scopes.items():
        for cls, category in _CST_CATEGORIES:
            if isinstance(node, cls):
                position = positions.get(node)
                if position is not None:
                    index[(category, position.start.line, position.start.column)] = scope
                break
        if isinstance(node, cst.Param):
            position = positions.get(node.name)
            if position is not None:
                index[("param", position.start.line, position.start.column)] = scope
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            category = "name"
        elif isinstance(node, ast.alias):
            category = "alias"
        elif isinstance(node, ast.ExceptHandler):
            category = "handler"
        elif isinstance(node, ast.arg):
            category = "param"
        elif isinstance(node, ast.stmt):
            category = "stmt"
        else:
            continue
        if not hasattr(node, "lineno"):
            continue
        key = (category, node.lineno, lines.character_column(node) - 1)
        if key not in index:
            continue
        result.checked_nodes += 1
        expected = to_key.get(id(index[key])) if index[key] is not None else None
        scope = actual.scope_of(node)
        got = from_ast.get(id(scope)) if scope is not None else None
        if expected != got:
            result.differ(f"scope_of {category} at {key[1]}:{key[2]}: libcst {expected} ast {got}")
