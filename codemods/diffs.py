"""The unified diff of a changed file, split into the part that depends only on the
two texts (the hunks, kept in the cache beside the new bytes) and the file headers.

Lines end only at ``\\n`` (a CRLF line keeps its ``\\r``), as git and patch read a
file: ``str.splitlines`` would also split at a form feed, ``\\x1c``-``\\x1e``,
``\\x85``, ``\\u2028`` and ``\\u2029`` (and ``\\x0b``), which may sit anywhere in a
Python file (a form feed at a line start, the others in strings and comments), and
a lone ``\\r`` is no line end for git either: the diff must apply to the original
files with ``git apply``.
"""

from __future__ import annotations

from typing import List, Optional


def patch_lines(text: str) -> List[str]:
    """``text`` as lines the way git and patch see them: each ends after a ``\\n``
    (the last one may have no line end)."""
    lines = text.split("\n")
    last = lines.pop()
    found = [line + "\n" for line in lines]
    if last:
        found.append(last)
    return found


def diff_hunks(old: str, new: str, bom: bool = False) -> str:
    """The hunks of the unified diff from ``old`` to ``new``, without the file headers.
    ``bom``: the file starts with a UTF-8 byte order mark (not in the decoded texts;
    git sees it at the start of the first line, so the diff shows it there)."""
    import difflib  # only when there is a diff to make

    if bom:
        old, new = "\ufeff" + old, "\ufeff" + new
    lines = []
    for index, line in enumerate(difflib.unified_diff(patch_lines(old), patch_lines(new), fromfile="a", tofile="b")):
        if index < 2:
            continue  # "--- a" and "+++ b": the path is added when the diff is shown
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def unified_diff(path: str, old: str, new: str, hunks: Optional[str] = None, bom: bool = False) -> List[str]:
    """The whole diff for ``path``, as lines; ``hunks`` when already made (from the cache)."""
    if hunks is None:
        hunks = diff_hunks(old, new, bom)
    if not hunks:
        return []
    return [f"--- a/{path}\n", f"+++ b/{path}\n"] + patch_lines(hunks)
