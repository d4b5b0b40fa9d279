"""What the engine's two paths (libcst and splices) share: the result of a file's
pass, and its line bookkeeping (suppressed hunks, findings moved to a changed text,
fixes read from a diff). No libcst."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Tuple

from codemods.contract import Finding, Fix
from codemods.engine.source import SourceError, parse_python, python_lines
from codemods.engine.suppression import find_suppressions


@dataclass
class EngineResult:
    text: str
    fixes: List[Fix] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)
    errors: List[SourceError] = field(default_factory=list)


def moved_findings(findings: List[Finding], old: str, new: str) -> List[Finding]:
    """Findings reported on ``old`` at their lines in ``new`` (a line inside a changed
    run of lines goes to the first line of what replaced it)."""
    import difflib  # only when a changed file has findings or hunks to compare

    matcher = difflib.SequenceMatcher(None, python_lines(old), python_lines(new), autojunk=False)
    line_map: Dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        line_for_line = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
        for offset, line in enumerate(range(i1, i2)):
            line_map[line + 1] = (j1 + offset if line_for_line else j1) + 1
    return [Finding(f.codemod, line_map.get(f.line, f.line), f.column, f.message, f.hint) for f in findings]


def final_findings(findings_by_step: Dict[str, Tuple[List[Finding], str]], final: str) -> List[Finding]:
    """Each step's latest findings (with the text their lines refer to), at their lines
    in the final text."""
    found: List[Finding] = []
    for findings, seen in findings_by_step.values():
        if findings:
            found.extend(findings if seen is final else moved_findings(findings, seen, final))
    return found


def fixes_from_hunks(codemod_id: str, old: str, new: str) -> List[Fix]:
    """One record per changed run of lines, for transformers that record none."""
    import difflib  # only when a changed file has findings or hunks to compare

    matcher = difflib.SequenceMatcher(None, python_lines(old), python_lines(new), autojunk=False)
    return [Fix(codemod_id, i1 + 1, 1, f"rewrote lines {i1 + 1}-{max(i2, i1 + 1)}")
            for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def suppressed_lines(text: str, codemod_id: str) -> FrozenSet[int]:
    if "codemod:" not in text:
        return frozenset()
    try:
        tree = parse_python(text, "<suppression>")
    except SourceError:
        tree = None
    return find_suppressions(text, tree).lines_for(codemod_id)


def drop_suppressed_hunks(old: str, new: str, suppressed: FrozenSet[int]) -> str:
    """Undo every changed run of lines that touches a suppressed line (1-based)."""
    old_lines = python_lines(old, keepends=True)
    new_lines = python_lines(new, keepends=True)
    merged: List[str] = []
    import difflib  # only when a changed file has findings or hunks to compare

    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            merged.extend(old_lines[i1:i2])
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:  # line-for-line edits: decide per line
            for offset in range(i2 - i1):
                keep_old = (i1 + offset + 1) in suppressed
                merged.append(old_lines[i1 + offset] if keep_old else new_lines[j1 + offset])
            continue
        touched = range(i1 + 1, i2 + 1) if i2 > i1 else (i1, i1 + 1)
        if any(line in suppressed for line in touched):
            merged.extend(old_lines[i1:i2])
        else:
            merged.extend(new_lines[j1:j2])
    return "".join(merged)
