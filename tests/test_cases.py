"""The case harness: every ``tests/cases/<id>/<name>.in.py`` is run through codemod
``<id>`` and compared with ``<name>.out.py`` (absent: the file must not change).
Every expected file is run again to prove a second run changes nothing.

Beside a case, ``<name>.toml`` may set ``unsafe-fixes = true``, an ``[options]``
table, and ``findings = ["LINE: text", ...]`` (each text must appear in a report-only
finding at that line; when present, the list is complete).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.helpers import run_codemod

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "cases"


def _cases():
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []:
        for source in sorted(folder.glob("*.in.py")):
            name = source.name[: -len(".in.py")]
            yield pytest.param(folder.name, source, id=f"{folder.name}/{name}")


def _settings(source: Path):
    toml = source.with_name(source.name[: -len(".in.py")] + ".toml")
    if toml.exists():
        return tomllib.loads(toml.read_text(encoding="utf-8"))
    return {}


@pytest.mark.parametrize("codemod_id,source", list(_cases()))
def test_case(codemod_id: str, source: Path) -> None:
    settings = _settings(source)
    min_version = settings.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    options = settings.get("options", {})
    unsafe = settings.get("unsafe-fixes", False)
    original = source.read_bytes().decode("utf-8")
    expected_path = source.with_name(source.name[: -len(".in.py")] + ".out.py")
    expected = expected_path.read_bytes().decode("utf-8") if expected_path.exists() else original
    path = settings.get("path", "case.py")
    result = run_codemod(codemod_id, original, options, unsafe, path=path)
    assert not result.errors, [e.message for e in result.errors]
    actual = result.new_text if result.new_text is not None else original
    assert actual == expected
    if "findings" in settings:
        found = [f"{f.line}: {f.message}" for f in result.findings]
        assert len(found) == len(settings["findings"]), found
        for wanted in settings["findings"]:
            line, _, text = wanted.partition(": ")
            assert any(f.line == int(line) and text in f.message for f in result.findings), (wanted, found)
    again = run_codemod(codemod_id, expected, options, unsafe, path=path)
    assert not again.errors, [e.message for e in again.errors]
    assert again.new_text is None, "a second run changed the expected output"
