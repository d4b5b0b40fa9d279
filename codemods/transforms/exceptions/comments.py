"""``# noqa`` and ``# codemod: ignore`` comments by line, found with ``tokenize`` (text
in strings never counts). A bare ``# noqa`` or ``# codemod: ignore`` covers every
rule on its line; ``# noqa: B904`` only that rule; ``# codemod: ignore[exceptions]``
every rule of this codemod."""

from __future__ import annotations

import io
import re
import tokenize
from typing import Dict, FrozenSet, Iterable, Optional

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*codemod:\s*ignore(?:\[(?P<ids>[^\]]*)\])?", re.IGNORECASE)


class LineComments:
    """Which rule codes are silenced on which line (None: all of them)."""

    def __init__(self, code: str, codemod_id: str) -> None:
        self._silenced: Dict[int, Optional[FrozenSet[str]]] = {}
        if "noqa" not in code.lower() and "codemod:" not in code:
            return
        try:
            for token in tokenize.generate_tokens(io.StringIO(code).readline):
                if token.type == tokenize.COMMENT:
                    self._add(token.start[0], token.string, codemod_id)
        except (tokenize.TokenError, SyntaxError, IndentationError):
            pass

    def _add(self, line: int, comment: str, codemod_id: str) -> None:
        ignore = _IGNORE.search(comment)
        if ignore:
            ids = {part.strip() for part in (ignore.group("ids") or "").split(",") if part.strip()}
            if not ids or codemod_id in ids:
                self._silenced[line] = None
                return
        noqa = _NOQA.search(comment)
        if noqa:
            codes = noqa.group("codes")
            if codes is None:
                self._silenced[line] = None
            elif self._silenced.get(line, frozenset()) is not None:
                found = frozenset(c.upper() for c in re.split(r"[\s,]+", codes) if c)
                self._silenced[line] = self._silenced.get(line, frozenset()) | found

    def silenced(self, lines: Iterable[int], codes: Iterable[str]) -> bool:
        """Whether any of ``lines`` silences any of ``codes``."""
        wanted = frozenset(codes)
        for line in lines:
            if line in self._silenced:
                found = self._silenced[line]
                if found is None or found & wanted:
                    return True
        return False
