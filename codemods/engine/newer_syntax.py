"""A file CPython refuses may be valid in a newer Python: say so, and which.

A pre-commit hook runs codemod on the Python it was installed with; a project
written for 3.12 (``def f[T]()``, ``type X = ...``, the f-strings of PEP 701)
checked on 3.11 must not be reported as "invalid syntax" but as needing a newer
Python, so that the user sets the hook's ``language_version``.

How it decides: libcst's parser, which knows the grammars up to 3.14 whichever
Python runs it, parses the file in a child process (its native parser can crash
or hang on pathological input) and lists the constructs of newer Pythons
(``syntax_features``); an f-string counts when the running Python's own parser
refuses it alone. The file needs a newer Python only when libcst parses it whole
and CPython's error lies in one of those constructs; otherwise (libcst refuses it
too, or the error is elsewhere) it is a genuine syntax error and reported as one.
The child runs only for files that show a sign of newer syntax (a cheap pattern),
so a file with a plain syntax error costs no process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import List, Optional, Sequence, Tuple

#: signs of each version's new syntax; only those newer than the running Python count
_SIGNS = (
    ((3, 10), r"^[ \t]*(?:match|case)\b"),
    ((3, 11), r"\bexcept\s*\*|\[[^\]\n]*\*|:\s*\*"),
    ((3, 12), r"\b(?:def|class)\s+\w+\s*\[|^[ \t]*type\s+\w|(?<![\w.])(?:[fF][rR]?|[rR][fF])['\"]"),
    ((3, 13), r"\b(?:def|class|type)\s+\w+\s*\["),
    ((3, 14), r"(?<![\w.])(?:[tT][rR]?|[rR][tT])['\"]"),
)
#: a child that takes longer is given up on (the error is then reported as it is)
TIMEOUT = 20.0


def _has_sign(text: str, running: Tuple[int, int]) -> bool:
    return any(version > running and re.search(pattern, text, re.MULTILINE) for version, pattern in _SIGNS)


def _features(text: str) -> List[Sequence]:
    """What ``syntax_features`` finds, run in a child of this interpreter with this
    process' import path; nothing when the child fails."""
    code = f"import sys; sys.path[:] = {sys.path!r}; from codemods.engine.syntax_features import main; main()"
    try:
        done = subprocess.run([sys.executable, "-I", "-c", code], input=text.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    try:
        found = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def newer_syntax(text: str, error_line: int) -> Optional[Tuple[str, int, int]]:
    """(message, line, column) when ``text``, which the running Python refused with
    an error at ``error_line``, is valid syntax of a newer Python; else None."""
    running = sys.version_info[:2]
    if not _has_sign(text, running):
        return None
    newer = [f for f in _features(text) if len(f) == 6 and (f[0], f[1]) > running]
    if not any(f[3] <= error_line <= f[5] for f in newer):
        return None  # CPython's error is not in newer syntax: a genuine syntax error
    major, minor, feature, line, column, _ = max(newer, key=lambda f: (f[0], f[1], -f[3], -f[4]))
    message = (f"this file uses syntax of Python {major}.{minor} ({feature}); codemod runs on Python "
               f"{running[0]}.{running[1]}: run it on Python {major}.{minor} or newer "
               "(pre-commit: set the hook's language_version)")
    return message, line, column
