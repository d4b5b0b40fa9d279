"""``# noqa`` and ``# codemod: ignore`` comments by line. A bare ``# noqa`` or
``# codemod: ignore`` covers every rule on its line; ``# noqa: B904`` only that rule;
``# codemod: ignore[exceptions]`` every rule of this codemod. The comments come from
the tree (its ``Comment`` nodes and their positions), read on the first question."""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, Iterable, Optional, Tuple

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*codemod:\s*ignore(?:\[(?P<ids>[^\]]*)\])?", re.IGNORECASE)


class LineComments:
    """Which rule codes are silenced on which line (None: all of them)."""

    def __init__(self, comments: Callable[[], Iterable[Tuple[int, str]]], codemod_id: str) -> None:
        self._comments = comments
        self._codemod_id = codemod_id
        self._found: Optional[Dict[int, Optional[FrozenSet[str]]]] = None

    def _silenced_lines(self) -> Dict[int, Optional[FrozenSet[str]]]:
        if self._found is None:
            self._found = {}
            for line, comment in self._comments():
                self._add(line, comment)
        return self._found

    def _add(self, line: int, comment: str) -> None:
        assert self._found is not None
        ignore = _IGNORE.search(comment)
        if ignore:
            ids = {part.strip() for part in (ignore.group("ids") or "").split(",") if part.strip()}
            if not ids or self._codemod_id in ids:
                self._found[line] = None
                return
        noqa = _NOQA.search(comment)
        if noqa:
            codes = noqa.group("codes")
            if codes is None:
                self._found[line] = None
            elif self._found.get(line, frozenset()) is not None:
                found = frozenset(c.upper() for c in re.split(r"[\s,]+", codes) if c)
                self._found[line] = (self._found.get(line) or frozenset()) | found

    def silenced(self, lines: Iterable[int], codes: Iterable[str]) -> bool:
        """Whether any of ``lines`` silences any of ``codes``."""
        found = self._silenced_lines()
        if not found:
            return False
        wanted = frozenset(codes)
        for line in lines:
            if line in found:
                codes_there = found[line]
                if codes_there is None or codes_there & wanted:
                    return True
        return False
