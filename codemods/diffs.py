"""The unified diff of a changed file, split into the part that depends only on the
two texts (the hunks, kept in the cache beside the new bytes) and the file headers."""

from __future__ import annotations

from typing import List, Optional


def diff_hunks(old: str, new: str) -> str:
    """The hunks of the unified diff from ``old`` to ``new``, without the file headers."""
    import difflib  # only when there is a diff to make

    lines = []
    for index, line in enumerate(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                      fromfile="a", tofile="b")):
        if index < 2:
            continue  # "--- a" and "+++ b": the path is added when the diff is shown
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def unified_diff(path: str, old: str, new: str, hunks: Optional[str] = None) -> List[str]:
    """The whole diff for ``path``, as lines; ``hunks`` when already made (from the cache)."""
    if hunks is None:
        hunks = diff_hunks(old, new)
    if not hunks:
        return []
    return [f"--- a/{path}\n", f"+++ b/{path}\n"] + hunks.splitlines(keepends=True)
