"""GitHub Actions workflow commands: one annotation per fix, finding and error."""

from __future__ import annotations

from typing import TextIO

from codemods.runner import RunReport


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, path: str, line: int, column: int, title: str, message: str) -> str:
    return (f"::{level} file={_escape_property(path)},line={line},col={column},"
            f"title={_escape_property(title)}::{_escape_data(message)}\n")


def render_github(report: RunReport, stream: TextIO, *, mode: str) -> None:
    verb = "fixed" if mode == "apply" else "would fix"
    for result in report.results:
        if result.status == "changed":
            for fix in result.fixes:
                stream.write(_annotation("warning", result.path, fix.line, fix.column, f"codemod {fix.codemod}", f"{verb}: {fix.message}"))
        for finding in result.findings:
            message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
            stream.write(_annotation("warning", result.path, finding.line, finding.column, f"codemod {finding.codemod}", message))
        for error in result.errors:
            stream.write(_annotation("error", result.path, error.line, error.column, "codemod error", error.message))
