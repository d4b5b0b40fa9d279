"""What a piece of text reads, for both usage analyses (``codemods.cst.scope_usage``
on libcst, ``codemods.analysis.usage`` on ``ast``): string annotations, doctests,
``exec`` code, comments. One copy of these rules keeps the two analyses' answers
identical, and this module does not import libcst (the ``ast`` path must not).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, FrozenSet, Optional, Set

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TYPE_COMMENT = re.compile(r"#\s*type:\s*(?!ignore\b)(.+)")
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
CODEMOD_IGNORE = re.compile(r"#\s*codemod:\s*ignore(?:\[(?P<ids>[^\]]*)\])?", re.IGNORECASE)
_DOCTEST_LINE = re.compile(r"^\s*(?:>>>|\.\.\.)(?: |$)(.*)$", re.MULTILINE)

#: reading any of these lets a function see its own locals by name.
FRAME_ACCESS_NAMES = frozenset({"locals", "vars", "eval", "exec"})
#: with any of these the module watches its own execution, so no function of it is
#: safe to prune: frame locals (``sys._getframe(1).f_locals``: a helper reads its
#: callers' locals; ``_getframe``/``f_back`` alone only reach globals and code),
#: frames captured for others (``inspect.currentframe()``, ``inspect.stack()``: whoever
#: gets them reads locals and line numbers, as test_inspect does with its fodder),
#: tracing (every statement is an event), code objects (``co_varnames``,
#: ``dis.code_info``: the locals are data), the heap (reference counts, referrers).
CALLER_FRAME_NAMES = frozenset({
    "f_locals", "getargvalues", "currentframe", "getouterframes", "getinnerframes",
    "settrace", "setprofile", "set_trace", "f_lineno",
    "__code__", "co_varnames", "co_nlocals", "code_info", "show_code", "get_instructions", "Bytecode",
    "getrefcount", "get_referrers", "get_referents", "get_objects", "get_count",
})
#: ``inspect.stack()`` and ``inspect.trace()``: common words, so only from ``inspect``
INSPECT_FRAME_LISTS = frozenset({"stack", "trace"})
TEMPLATE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)|%\(([A-Za-z_][A-Za-z0-9_]*)\)")
#: calls whose string arguments are type expressions.
TYPE_CALLS = frozenset({"cast", "TypeVar", "NewType", "ForwardRef", "assert_type", "TypeAliasType"})


def normalized(name: str) -> str:
    """The identifier Python sees (PEP 3131: NFKC); ASCII names are their own form."""
    if name.isascii():
        return name
    import unicodedata  # only for a name written with other characters

    return unicodedata.normalize("NFKC", name)


def names_in_type_string(text: str, depth: int = 0) -> FrozenSet[str]:
    """Every name a string annotation mentions, nested strings included."""
    stripped = text.strip()
    if stripped.isidentifier() and stripped.isascii():  # ``"Foo"``, ``"key"``: no parse needed
        return _NO_NAMES if stripped in ("None", "True", "False") else frozenset((stripped,))
    return _names_in_type_string(text, depth)


_NO_NAMES: FrozenSet[str] = frozenset()


@lru_cache(maxsize=4096)
def _names_in_type_string(text: str, depth: int) -> FrozenSet[str]:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return frozenset(IDENTIFIER.findall(text))
    found: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and depth < 5:
            found |= names_in_type_string(node.value, depth + 1)
    return frozenset(found)


def names_in_code(text: str) -> Set[str]:
    """Every name a piece of source text (``exec``/``eval`` input) could read."""
    return set(IDENTIFIER.findall(text))


def names_in_doctests(text: str) -> Set[str]:
    """Identifiers on the ``>>>`` and ``...`` lines of a docstring (doctest runs them
    with the module's globals)."""
    found: Set[str] = set()
    for match in _DOCTEST_LINE.finditer(text):
        found.update(IDENTIFIER.findall(match.group(1)))
    return found


def note_string(everywhere: Set[str], value: str, in_type_context: bool) -> None:
    """What one string literal makes read: a type expression in a type position,
    doctest lines, ``{name}``/``%(name)s`` template fields."""
    if in_type_context:
        everywhere |= names_in_type_string(value)
    if ">>>" in value:
        everywhere |= names_in_doctests(value)
    if "{" in value or "%(" in value:
        # "{name}" / "%(name)s" filled from locals() or a caller's frame somewhere
        everywhere.update(a or b for a, b in TEMPLATE_FIELD.findall(value))


@dataclass
class Suppression:
    """``# noqa`` and ``# codemod: ignore`` comments, by line."""

    noqa: Dict[int, Optional[FrozenSet[str]]] = field(default_factory=dict)
    ignore: Dict[int, Optional[FrozenSet[str]]] = field(default_factory=dict)

    def covers(self, line: int, noqa_code: str, codemod_id: str) -> bool:
        if line in self.noqa:
            codes = self.noqa[line]
            if codes is None or noqa_code in codes:
                return True
        if line in self.ignore:
            ids = self.ignore[line]
            if ids is None or codemod_id in ids:
                return True
        return False


def note_comment(everywhere: Set[str], suppression: Suppression, text: str, line: int) -> None:
    """A comment (``text`` starts with ``#``) on ``line``: the names of a ``# type:``
    comment are read; ``noqa`` and ``codemod: ignore`` suppress fixes on its line."""
    match = TYPE_COMMENT.match(text)
    if match:
        everywhere.update(n for n in IDENTIFIER.findall(match.group(1)) if n != "type")
    match = NOQA.search(text)
    if match:
        codes = match.group("codes")
        suppression.noqa[line] = (
            None if not codes else frozenset(c.upper() for c in re.split(r"[\s,]+", codes) if c))
    match = CODEMOD_IGNORE.search(text)
    if match:
        ids = match.group("ids")
        suppression.ignore[line] = (
            None if not ids else frozenset(i.strip() for i in ids.split(",") if i.strip()))
