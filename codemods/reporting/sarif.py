"""SARIF 2.1.0 for code-scanning upload: one result per fix (note or warning) and
per report-only finding (warning); errors become tool notifications."""

from __future__ import annotations

import json
import os
from typing import Dict, TextIO, Type

from codemods import __version__
from codemods.runner import RunReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path))
    return (path if relative.startswith("..") else relative).replace(os.sep, "/")


def _location(path: str, line: int, column: int) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)},
                                 "region": {"startLine": max(line, 1), "startColumn": max(column, 1)}}}


def render_sarif(report: RunReport, stream: TextIO, *, codemods: Dict[str, Type]) -> None:
    used = sorted({f.codemod for r in report.results for f in list(r.fixes) + list(r.findings)})
    rule_ids = sorted(set(codemods) | set(used))
    rules = []
    for rule_id in rule_ids:
        codemod = codemods.get(rule_id)
        summary = codemod.summary if codemod is not None else "user transformer"
        rule = {"id": rule_id, "name": rule_id, "shortDescription": {"text": summary}}
        if codemod is not None:
            rule["fullDescription"] = {"text": codemod.documentation() or summary}
            rule["properties"] = {"safe": bool(codemod.safe), "default": bool(codemod.default)}
        rules.append(rule)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    results = []
    for result in report.results:
        if result.status == "changed":
            for fix in result.fixes:
                results.append({"ruleId": fix.codemod, "ruleIndex": index[fix.codemod], "level": "warning",
                                "message": {"text": fix.message}, "locations": [_location(result.path, fix.line, fix.column)],
                                "properties": {"fixable": True, "safe": fix.safe}})
        for finding in result.findings:
            text = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
            results.append({"ruleId": finding.codemod, "ruleIndex": index[finding.codemod], "level": "warning",
                            "message": {"text": text}, "locations": [_location(result.path, finding.line, finding.column)],
                            "properties": {"fixable": False}})
    notifications = [{"level": "error", "message": {"text": f"{path}:{error.line}:{error.column}: {error.message}"},
                      "locations": [_location(path, error.line, error.column)]} for path, error in report.errors]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "codemods", "version": __version__, "informationUri": "https://pypi.org/project/codemods/", "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        }],
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
