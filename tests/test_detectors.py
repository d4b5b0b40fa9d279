"""The detector contract: a codemod's cheap ``ast`` detector may say yes too often
(that costs time) but never no where the rewriter would change or report something
(that would lose a fix). Every case input of every codemod is run twice: once as the
runner does it, and once with every detector forced to yes; whenever the forced run
finds anything, the detector must have said yes."""

from __future__ import annotations

import ast
import sys

import pytest

import codemods.engine.pipeline as pipeline
import codemods.engine.steps as steps
from codemods.engine.pipeline import process_source
from tests.helpers import settings_for
from tests.test_cases import _cases, _settings


class _AlwaysYes:
    def __init__(self, real):
        self.real = real

    def detect(self, tree, source):
        return True


@pytest.mark.parametrize("codemod_id,source", list(_cases()))
def test_detector_never_misses_what_the_rewriter_does(codemod_id, source, monkeypatch) -> None:
    settings_table = _settings(source)
    min_version = settings_table.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    settings = settings_for([codemod_id], {codemod_id: settings_table.get("options", {})},
                            settings_table.get("unsafe-fixes", False))
    path = settings_table.get("path", "case.py")
    raw = source.read_bytes()
    text = raw.decode("utf-8")
    said = pipeline.detector_for(settings.codemods[0], settings, path).detect(ast.parse(text), text)

    real = pipeline.detector_for
    monkeypatch.setattr(pipeline, "detector_for", lambda *a, **k: _AlwaysYes(real(*a, **k)))
    monkeypatch.setattr(steps, "detector_for", pipeline.detector_for)
    forced = process_source(raw, path, settings)
    found_something = forced.status == "changed" or forced.findings
    if found_something:
        assert said, (f"the {codemod_id} detector said no, but the rewriter changes or reports: "
                      f"{[f.message for f in forced.fixes + forced.findings][:3]}")
