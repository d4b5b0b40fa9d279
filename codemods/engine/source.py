"""Reading and checking a file's bytes before anything parses it with libcst.

Everything here is standard library only: a file that is clean, broken or skipped
never costs a libcst import.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from typing import List, Optional, Tuple


class SourceError(Exception):
    """A problem with a file that is reported as ``path:line:col: error: message``."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(int(line or 1), 1)
        self.column = max(int(column or 1), 1)


@dataclass(frozen=True)
class DecodedSource:
    text: str
    #: codec that reproduces the bytes; "utf-8-sig" when the file starts with a BOM.
    encoding: str
    newline: str


def _line_of_offset(raw: bytes, offset: int) -> Tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode_source(raw: bytes) -> DecodedSource:
    """Decode like Python does: BOM, then a PEP 263 cookie, else UTF-8."""
    if b"\0" in raw:
        line, column = _line_of_offset(raw, raw.index(b"\0"))
        raise SourceError("file contains NUL bytes", line, column)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:
        # detect_encoding also fails when the first lines are not UTF-8; say where.
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as decode_error:
            line, column = _line_of_offset(raw, decode_error.start)
            bad = raw[decode_error.start:decode_error.start + 1]
            raise SourceError(f"cannot decode as utf-8 (no coding cookie): invalid byte {bad!r}", line, column) from None
        raise SourceError(f"cannot determine encoding: {error.msg}", error.lineno or 1) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = _line_of_offset(raw, error.start)
        raise SourceError(f"cannot decode as {encoding}: invalid byte {raw[error.start:error.start + 1]!r}", line, column) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None
    return DecodedSource(text, encoding, detect_newline(text))


def detect_newline(text: str) -> str:
    """The first line ending in the file ("\\n" when there is none)."""
    for index, char in enumerate(text):
        if char == "\n":
            return "\n"
        if char == "\r":
            return "\r\n" if text[index + 1:index + 2] == "\n" else "\r"
    return "\n"


#: a line end for Python's tokenizer (and so for ast's and libcst's line numbers)
_PYTHON_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def python_lines(text: str, keepends: bool = False) -> List[str]:
    """``text`` split where Python's tokenizer ends a line: ``\n``, ``\r\n``, ``\r``
    only (``str.splitlines`` also splits at a form feed, ``\x0b``, ``\x1c``-``\x1e``,
    ``\x85``, ``\u2028`` and ``\u2029``, which a line of Python may contain, and
    then line numbers no longer match ast's)."""
    lines = _PYTHON_LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def parse_python(text: str, path: str) -> ast.Module:
    """Parse with CPython's own parser: the gate before libcst ever sees the file."""
    try:
        return ast.parse(text, filename=path)
    except SyntaxError as error:
        from codemods.engine.newer_syntax import newer_syntax  # only for a file Python refuses

        newer = newer_syntax(text, error.lineno or 1)
        if newer is not None:
            raise SourceError(*newer) from None
        message = error.msg or "invalid syntax"
        raise SourceError(f"syntax error: {message}", error.lineno or 1, error.offset or 1) from None
    except (RecursionError, MemoryError):
        raise SourceError("too deeply nested for Python's parser") from None
    except ValueError as error:  # e.g. NUL bytes on older Pythons
        raise SourceError(str(error)) from None


def compile_error(text: str, path: str) -> Optional[SourceError]:
    """Full compilation (symbol-table errors included), or None when it compiles."""
    try:
        compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        return SourceError(f"syntax error: {error.msg}", error.lineno or 1, error.offset or 1)
    except (RecursionError, MemoryError, ValueError) as error:
        return SourceError(f"cannot compile: {type(error).__name__}")
    return None


def nesting_depth(tree: ast.AST, limit: int) -> int:
    """Depth of the syntax tree, counting no further than ``limit`` + 1."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1))
    return deepest


def encode_source(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise SourceError(f"the rewritten file cannot be encoded as {encoding}: {error.reason}") from None
