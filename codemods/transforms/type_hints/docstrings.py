"""Types written in docstrings, in the three common styles, as plain text.

reST (``:param int x:``, ``:type x: int``, ``:rtype: int``), Google (``x (int): ...``
under ``Args:``, first line of ``Returns:``/``Yields:``) and NumPy (``x : int`` under an
underlined ``Parameters`` heading). Only the text is extracted here; whether it is a
valid expression of names in scope is decided by the rewriter. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

_REST_PARAM = re.compile(r"^\s*:param\s+(?P<type>[^:]+?)\s+\**(?P<name>\w+)\s*:")
_REST_TYPE = re.compile(r"^\s*:type\s+\**(?P<name>\w+)\s*:\s*(?P<type>.+?)\s*$")
_REST_RTYPE = re.compile(r"^\s*:rtype\s*:\s*(?P<type>.+?)\s*$")
_GOOGLE_PARAM = re.compile(r"^(?P<name>\**\w+)\s*\((?P<type>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*:")
_GOOGLE_RETURN = re.compile(r"^(?P<type>[^:]+?)\s*:(\s|$)")
_NUMPY_PARAM = re.compile(r"^(?P<name>\**\w+)\s+:\s+(?P<type>.+?)\s*$")

_GOOGLE_PARAM_HEADINGS = {"args", "arguments", "parameters", "params", "keyword args", "keyword arguments", "kwargs"}
_GOOGLE_RETURN_HEADINGS = {"returns", "return"}
_GOOGLE_YIELD_HEADINGS = {"yields", "yield"}
_NUMPY_PARAM_HEADINGS = {"parameters", "other parameters", "keyword arguments"}


@dataclass
class DocstringTypes:
    params: Dict[str, str] = field(default_factory=dict)
    returns: Optional[str] = None
    yields: Optional[str] = None

    def __bool__(self) -> bool:
        return bool(self.params) or self.returns is not None or self.yields is not None


def docstring_types(doc: Optional[str]) -> DocstringTypes:
    """The parameter, return and yield types a docstring states (raw text)."""
    found = DocstringTypes()
    if not doc:
        return found
    lines = doc.expandtabs().splitlines()
    _rest(lines, found)
    _numpy(lines, found)
    _google(lines, found)
    return found


def _rest(lines: List[str], found: DocstringTypes) -> None:
    for line in lines:
        match = _REST_PARAM.match(line)
        if match:
            found.params.setdefault(match["name"], match["type"].strip())
            continue
        match = _REST_TYPE.match(line)
        if match:
            found.params[match["name"]] = match["type"]
            continue
        match = _REST_RTYPE.match(line)
        if match:
            found.returns = match["type"]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _google(lines: List[str], found: DocstringTypes) -> None:
    index = 0
    while index < len(lines):
        heading = lines[index].strip()
        key = heading[:-1].strip().lower() if heading.endswith(":") else None
        if key not in _GOOGLE_PARAM_HEADINGS | _GOOGLE_RETURN_HEADINGS | _GOOGLE_YIELD_HEADINGS:
            index += 1
            continue
        base = _indent(lines[index])
        index += 1
        entries: List[str] = []
        entry_indent: Optional[int] = None
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
                if entries and key not in _GOOGLE_PARAM_HEADINGS:
                    break
                continue
            if _indent(line) <= base:
                break
            if entry_indent is None:
                entry_indent = _indent(line)
            if _indent(line) == entry_indent:
                entries.append(line.strip())
            index += 1
        if key in _GOOGLE_PARAM_HEADINGS:
            for entry in entries:
                match = _GOOGLE_PARAM.match(entry)
                if match:
                    found.params.setdefault(match["name"].lstrip("*"), match["type"].strip())
        elif entries:
            match = _GOOGLE_RETURN.match(entries[0])
            if match:
                if key in _GOOGLE_RETURN_HEADINGS:
                    found.returns = found.returns or match["type"].strip()
                else:
                    found.yields = found.yields or match["type"].strip()


def _numpy(lines: List[str], found: DocstringTypes) -> None:
    index = 0
    while index + 1 < len(lines):
        heading = lines[index].strip().lower()
        underline = lines[index + 1].strip()
        if not (underline and set(underline) == {"-"} and heading):
            index += 1
            continue
        base = _indent(lines[index])
        index += 2
        entries: List[str] = []
        while index < len(lines):
            line = lines[index]
            if line.strip() and _indent(line) <= base:
                if index + 1 < len(lines) and set(lines[index + 1].strip()) == {"-"}:
                    break
                entries.append(line.strip())
            elif not line.strip():
                pass
            index += 1
        if heading in _NUMPY_PARAM_HEADINGS:
            for entry in entries:
                match = _NUMPY_PARAM.match(entry)
                if match:
                    found.params.setdefault(match["name"].lstrip("*"), match["type"])
        elif heading in ("returns", "yields") and len(entries) == 1:
            entry = entries[0]
            match = _NUMPY_PARAM.match(entry)
            text = match["type"] if match else entry
            if heading == "returns":
                found.returns = found.returns or text
            else:
                found.yields = found.yields or text


_OPTIONAL_SUFFIX = re.compile(r",?\s*\(?optional\)?\s*$", re.IGNORECASE)
_DEFAULT_SUFFIX = re.compile(r",\s*default[\s:=].*$", re.IGNORECASE)


@dataclass(frozen=True)
class DocType:
    """A docstring type split into its alternatives; ``optional`` means ``or None``."""

    alternatives: tuple
    optional: bool


def split_doc_type(text: str) -> Optional[DocType]:
    """``"int or None"`` -> (("int",), optional); ``"int, optional"`` -> (("int",), optional).

    Returns None for prose ("list of int", "array-like") that is not an expression.
    """
    text = _DEFAULT_SUFFIX.sub("", text.strip())
    optional = False
    stripped = _OPTIONAL_SUFFIX.sub("", text)
    if stripped != text:
        optional, text = True, stripped.strip()
    parts = [part.strip() for part in re.split(r"\s+or\s+", text) if part.strip()]
    if not parts:
        return None
    alternatives = []
    for part in parts:
        if part == "None":
            optional = True
        else:
            alternatives.append(part)
    if not alternatives:
        return None
    return DocType(tuple(alternatives), optional)
