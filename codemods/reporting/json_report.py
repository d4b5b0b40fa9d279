"""JSON output: one record per fix, per report-only finding and per error."""

from __future__ import annotations

import json
from typing import Dict, TextIO, Type

from codemods import __version__
from codemods.runner import RunReport


def records(report: RunReport, codemods: Dict[str, Type]):
    for result in report.results:
        for fix in result.fixes:
            if result.status != "changed":
                continue
            yield {"kind": "fix", "file": result.path, "line": fix.line, "column": fix.column,
                   "codemod": fix.codemod, "message": fix.message, "safe": fix.safe}
        for finding in result.findings:
            yield {"kind": "finding", "file": result.path, "line": finding.line, "column": finding.column,
                   "codemod": finding.codemod, "message": finding.message, "hint": finding.hint, "safe": None}
        for error in result.errors:
            yield {"kind": "error", "file": result.path, "line": error.line, "column": error.column,
                   "codemod": None, "message": error.message, "safe": None}


def render_json(report: RunReport, stream: TextIO, *, mode: str, codemods: Dict[str, Type]) -> None:
    from codemods.diffs import unified_diff

    document = {
        "tool": "codemods",
        "version": __version__,
        "mode": mode,
        "records": list(records(report, codemods)),
        "files": [
            {"file": r.path, "status": r.status, "written": r.written,
             "diff": "".join(unified_diff(r.path, r.old_text or "", r.new_text or "", r.diff_hunks, r.bom)) if r.status == "changed" else ""}
            for r in report.results if r.status != "unchanged" or r.findings
        ],
        "summary": {"files": len(report.results), "changed": len(report.changed),
                    "findings": len(report.findings), "errors": len(report.errors),
                    "seconds": round(report.seconds, 3)},
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
