"""From ``ast`` positions (1-based lines, UTF-8 byte columns) to offsets in the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Tuple

#: where Python's lines end: ``\r\n``, ``\r`` or ``\n`` (not form feeds or ``\x0b``)
_LINE_END = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """The text's line starts, and conversions between positions and offsets."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        #: character offset at which each line starts (index 0 is line 1)
        self.starts: List[int] = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def line_count(self) -> int:
        return len(self.starts) - (1 if self.starts[-1] == len(self.text) else 0)

    def line_start(self, line: int) -> int:
        """Offset of the first character of ``line`` (1-based); the text's length past the end."""
        return self.starts[line - 1] if line - 1 < len(self.starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """Offset just past ``line``'s line break (or the text's end)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_text(self, line: int, keepends: bool = True) -> str:
        text = self.text[self.line_start(line):self.line_end(line)]
        return text if keepends else text.rstrip("\r\n")

    def offset(self, line: int, byte_column: int) -> int:
        """The character offset of an ``ast`` position (``col_offset`` counts UTF-8 bytes)."""
        start = self.line_start(line)
        if byte_column == 0:
            return start
        end = self.line_end(line)
        piece = self.text[start:end]
        if piece.isascii():
            return start + byte_column
        return start + len(piece.encode("utf-8")[:byte_column].decode("utf-8", "replace"))

    def start_of(self, node) -> int:
        return self.offset(node.lineno, node.col_offset)

    def end_of(self, node) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)

    def position(self, offset: int) -> Tuple[int, int]:
        """(line, character column), both 1-based, of an offset: libcst's positions as
        ``Rewriter.position`` reports them."""
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def character_column(self, node) -> int:
        """The 1-based character column of an ``ast`` node's start."""
        return self.start_of(node) - self.line_start(node.lineno) + 1
