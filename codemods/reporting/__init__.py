"""Rendering a run's results: text (diff + findings + summary), JSON, SARIF, GitHub."""

from __future__ import annotations

import sys
from typing import Dict, Optional, TextIO, Type

from codemods.runner import RunReport

FORMATS = ("text", "json", "sarif", "github")


def write_errors(report: RunReport, stream: TextIO) -> None:
    for path, error in report.errors:
        stream.write(f"{path}:{error.line}:{error.column}: error: {error.message}\n")


def render(report: RunReport, output_format: str, *, mode: str, color: bool, codemods: Dict[str, Type],
           stdout: Optional[TextIO] = None, stderr: Optional[TextIO] = None, quiet: bool = False) -> None:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    write_errors(report, stderr)
    if output_format == "json":
        from codemods.reporting.json_report import render_json

        render_json(report, stdout, mode=mode, codemods=codemods)
    elif output_format == "sarif":
        from codemods.reporting.sarif import render_sarif

        render_sarif(report, stdout, codemods=codemods)
    elif output_format == "github":
        from codemods.reporting.github import render_github

        render_github(report, stdout, mode=mode)
    else:
        from codemods.reporting.text import render_text

        render_text(report, stdout, stderr, mode=mode, color=color, quiet=quiet)
