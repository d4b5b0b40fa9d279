"""SARIF 2.1.0 for code-scanning upload: one result per fix and per report-only
finding (level warning; property ``fixable`` tells them apart); errors become tool
notifications. Paths under the current folder are relative URIs against the base
id %SRCROOT% (the current folder), others absolute ``file:`` URIs; both are
percent-encoded, so names with spaces or ``#`` stay valid URIs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, TextIO, Type
from urllib.parse import quote

from codemods import __version__
from codemods.runner import RunReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def _artifact_location(path: str) -> dict:
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(absolute).as_uri()}
    # percent-encode the file name's bytes: a name that is not UTF-8 stays exact
    return {"uri": quote(os.fsencode(relative.replace(os.sep, "/"))), "uriBaseId": SOURCE_ROOT}


def _shown(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 appear as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _location(path: str, line: int, column: int) -> dict:
    return {"physicalLocation": {"artifactLocation": _artifact_location(path),
                                 "region": {"startLine": max(line, 1), "startColumn": max(column, 1)}}}


def _plugin(rule_id: str):
    """The declaration of a plugin codemod, when the caller passed only built-ins."""
    from codemods.registry import RegistryError, is_user_transformer, plugin_codemods

    if is_user_transformer(rule_id):
        return None
    try:
        return plugin_codemods().get(rule_id)
    except RegistryError:
        return None


def render_sarif(report: RunReport, stream: TextIO, *, codemods: Dict[str, Type]) -> None:
    used = sorted({f.codemod for r in report.results for f in list(r.fixes) + list(r.findings)})
    rule_ids = sorted(set(codemods) | set(used))
    rules = []
    for rule_id in rule_ids:
        codemod = codemods.get(rule_id) or _plugin(rule_id)
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
    notifications = [{"level": "error", "message": {"text": f"{_shown(path)}:{error.line}:{error.column}: {error.message}"},
                      "locations": [_location(path, error.line, error.column)]} for path, error in report.errors]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "codemods", "version": __version__, "informationUri": "https://pypi.org/project/codemods/", "rules": rules}},
            "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        }],
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
