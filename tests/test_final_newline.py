"""A file that does not end with a newline never gains one: every case under
``tests/cases`` is run again with its last line ending taken off, and must give its
expected output with the last line ending taken off (and nothing else changed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers import rewrite, run_codemod
from tests.test_cases import _cases, _settings


def _without_final_newline(text: str) -> str:
    for newline in ("\r\n", "\n", "\r"):
        if text.endswith(newline):
            return text[: -len(newline)]
    return text


@pytest.mark.parametrize("codemod_id,source", list(_cases()))
def test_case_without_final_newline(codemod_id: str, source: Path) -> None:
    settings = _settings(source)
    min_version = settings.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    original = source.read_bytes().decode("utf-8")
    expected_path = source.with_name(source.name[: -len(".in.py")] + ".out.py")
    expected = expected_path.read_bytes().decode("utf-8") if expected_path.exists() else original
    stripped = _without_final_newline(original)
    if stripped == original:
        pytest.skip("the case already ends without a newline")
    result = run_codemod(codemod_id, stripped, settings.get("options", {}), settings.get("unsafe-fixes", False),
                         path=settings.get("path", "case.py"))
    assert not result.errors, [e.message for e in result.errors]
    actual = result.new_text if result.new_text is not None else stripped
    assert actual == _without_final_newline(expected)


@pytest.mark.parametrize("source,expected", [
    ("import os\nx = 1", "x = 1"),                      # the first line goes
    ("import os\r\nx = 1", "x = 1"),
    ("x = 1\nimport os", "x = 1"),                      # the last line goes
    ("import os\n\n\ndef f():\n    pass", "def f():\n    pass"),
    ("import os; import sys\nprint(sys)", "import sys\nprint(sys)"),
])
def test_unused_import_removed_without_final_newline(source: str, expected: str) -> None:
    assert rewrite("unused-imports", source) == expected


def test_unused_variable_removed_without_final_newline() -> None:
    assert rewrite("unused-variables", "def f():\n    y = 2\n    return 1") == "def f():\n    return 1"
    assert rewrite("unused-variables", "def f():\n    return 1\n    y = 2") == "def f():\n    return 1"
