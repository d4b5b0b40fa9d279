"""Human output: a unified diff (coloured on a terminal), report-only findings as
``path:line:col: id: message``, and one summary line on stderr."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, TextIO

from codemods.diffs import unified_diff
from codemods.runner import RunReport

_RED, _GREEN, _CYAN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[0m"


def _colour(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        if line.startswith(("+++", "---")):
            yield f"{_BOLD}{line.rstrip(chr(10))}{_RESET}\n"
        elif line.startswith("@@"):
            yield f"{_CYAN}{line.rstrip(chr(10))}{_RESET}\n"
        elif line.startswith("+"):
            yield f"{_GREEN}{line.rstrip(chr(10))}{_RESET}\n"
        elif line.startswith("-"):
            yield f"{_RED}{line.rstrip(chr(10))}{_RESET}\n"
        else:
            yield line


def summary_line(report: RunReport, mode: str) -> str:
    changed = report.changed
    per_codemod = Counter(fix.codemod for result in changed for fix in result.fixes)
    verb = {"apply": "changed", "dry-run": "would change", "check": "would change"}.get(mode, "changed")
    parts = [f"{len(changed)} file{'s' if len(changed) != 1 else ''} {verb} of {len(report.results)}"]
    if per_codemod:
        parts.append("fixes: " + ", ".join(f"{name} {count}" for name, count in sorted(per_codemod.items())))
    findings = len(report.findings)
    if findings:
        parts.append(f"{findings} finding{'s' if findings != 1 else ''} to fix by hand")
    errors = len(report.errors)
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    parts.append(f"{report.seconds:.2f}s")
    return "; ".join(parts)


def render_text(report: RunReport, stdout: TextIO, stderr: TextIO, *, mode: str, color: bool, quiet: bool = False) -> None:
    if mode == "apply":
        for result in report.changed:
            counts = Counter(fix.codemod for fix in result.fixes)
            detail = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
            stdout.write(f"fixed {result.path}" + (f" ({detail})" if detail else "") + "\n")
    else:
        for result in report.changed:
            lines = unified_diff(result.path, result.old_text or "", result.new_text or "", result.diff_hunks,
                                 result.bom)
            stdout.writelines(_colour(lines) if color else lines)
    for path, finding in report.findings:
        hint = f" (hint: {finding.hint})" if finding.hint else ""
        stdout.write(f"{path}:{finding.line}:{finding.column}: {finding.codemod}: {finding.message}{hint}\n")
    stdout.flush()
    if not quiet:
        stderr.write(summary_line(report, mode) + "\n")
