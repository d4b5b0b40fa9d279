"""Suppression comments: ``# codemod: ignore``, ``# codemod: ignore[ID,...]``,
``# codemod: skip-file``, and files marked ``@generated``.

An ignore comment covers the line it is on and, when that line ends (or starts) a
statement, every line of that statement; on a compound statement's header it covers
the header only. Comments are found with ``tokenize``, so text inside strings never
counts, and only files that mention ``codemod:`` or ``@generated`` pay for it.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

_IGNORE = re.compile(r"#\s*codemod:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
_SKIP_FILE = re.compile(r"#\s*codemod:\s*skip-file\b", re.IGNORECASE)
ALL = "*"


@dataclass
class Suppressions:
    skip_file: bool = False
    generated: bool = False
    #: line (1-based) -> ids ignored there ("*" means every codemod)
    lines: Dict[int, Set[str]] = field(default_factory=dict)

    def ignores(self, line: int, codemod_id: str) -> bool:
        ids = self.lines.get(line)
        return bool(ids) and (ALL in ids or codemod_id in ids)

    def lines_for(self, codemod_id: str) -> FrozenSet[int]:
        return frozenset(line for line, ids in self.lines.items() if ALL in ids or codemod_id in ids)


def _comments(text: str) -> List[Tuple[int, str]]:
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                found.append((token.start[0], token.string))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return found


def _module_docstring(tree: Optional[ast.Module]) -> str:
    if tree is None:
        return ""
    return ast.get_docstring(tree, clean=False) or ""


def find_suppressions(text: str, tree: Optional[ast.Module]) -> Suppressions:
    result = Suppressions()
    mentions_codemod = "codemod:" in text
    mentions_generated = "@generated" in text
    if not (mentions_codemod or mentions_generated):
        return result
    comments = _comments(text)
    if mentions_generated:
        result.generated = any("@generated" in comment for _, comment in comments) or (
            "@generated" in _module_docstring(tree)
        )
    if not mentions_codemod:
        return result
    ignored: Dict[int, Set[str]] = {}
    for line, comment in comments:
        if _SKIP_FILE.search(comment):
            result.skip_file = True
        match = _IGNORE.search(comment)
        if match:
            ids = {part.strip() for part in (match.group(1) or "").split(",") if part.strip()}
            ignored.setdefault(line, set()).update(ids or {ALL})
    if ignored and tree is not None:
        _widen_to_statements(ignored, tree)
    result.lines = ignored
    return result


def _widen_to_statements(ignored: Dict[int, Set[str]], tree: ast.Module) -> None:
    comment_lines = dict(ignored)
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            first, last = node.lineno, body[0].lineno - 1
            if hasattr(node, "decorator_list") and node.decorator_list:
                first = node.decorator_list[0].lineno
            if last < first:
                continue  # header and body share a line (``if x: y``): the line alone
        else:
            first, last = node.lineno, node.end_lineno or node.lineno
        for comment_line, ids in comment_lines.items():
            if first <= comment_line <= last and comment_line in (first, last):
                for line in range(first, last + 1):
                    ignored.setdefault(line, set()).update(ids)
