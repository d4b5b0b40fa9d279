"""unused-imports' ``ast`` plan decides exactly as its libcst rewriter: the same
fixes and findings (order included) and the same edit for every import statement,
on every case input (with its path and options) and on a sample of the stdlib."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers import stdlib_sample
from tests.imports_plan_comparison import compare_text

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent


def _inputs():
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        for source in sorted(folder.glob("*.py")):
            yield pytest.param(folder.name, source, id=f"{folder.name}/{source.name}")


def _settings(source: Path):
    stem = source.name[: -len(".in.py")] if source.name.endswith(".in.py") else source.name[: -len(".out.py")]
    toml = source.with_name(stem + ".toml")
    return tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}


@pytest.mark.parametrize("folder,source", list(_inputs()))
def test_plan_matches_the_rewriter_on_cases(folder: str, source: Path, monkeypatch) -> None:
    if sys.version_info < (3, 10):
        pytest.skip("import names have positions in ast from Python 3.10")
    settings = _settings(source) if folder == "unused-imports" else {}
    monkeypatch.chdir(REPO)  # case paths are relative to the checkout
    text = source.read_bytes().decode("utf-8")
    try:
        compile(text, str(source), "exec")
    except SyntaxError:
        pytest.skip("not valid on this Python")
    result = compare_text(text, settings.get("path", "case.py"), settings.get("options", {}))
    assert result.status != "different", result.differences
    if folder == "unused-imports":
        assert result.status != "fallback", result.reason


def _stdlib_sample():
    return stdlib_sample(step=100, max_bytes=60_000)


@pytest.mark.skipif(sys.version_info < (3, 10), reason="import names have positions from Python 3.10")
def test_plan_matches_the_rewriter_on_a_stdlib_sample() -> None:
    differences = []
    fallbacks = 0
    for path in _stdlib_sample():
        try:
            text = Path(path).read_bytes().decode("utf-8")
            compile(text, path, "exec")
        except (UnicodeDecodeError, SyntaxError, ValueError):
            continue
        result = compare_text(text, path)  # its real path: the first-party rules see the files around
        fallbacks += result.status == "fallback"
        if result.status == "different":
            differences.append((path, result.differences))
    assert not differences, differences[:3]
    assert fallbacks <= len(_stdlib_sample()) // 10
