"""The splice path (engine.splicing) gives what the libcst path gives, byte for byte,
fixes and findings included; and a file whose fixes are whole-statement deletions is
fixed without importing libcst (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.engine import splicing
from codemods.engine.pipeline import process_source
from tests.helpers import REPO, settings_for
from tests.test_cases import CASES, _settings

PAIR = ("unused-variables", "unused-imports")


def _inputs():
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        for source in sorted(folder.glob("*.in.py")):
            yield pytest.param(folder.name, source, id=f"{folder.name}/{source.name[:-len('.in.py')]}")


def _both_paths(raw: bytes, path: str, settings):
    outcomes = []
    for enabled in (True, False):
        splicing.ENABLED = enabled
        try:
            result = process_source(raw, path, settings)
        finally:
            splicing.ENABLED = True
        outcomes.append((result.status, result.new_text, result.fixes, result.findings,
                         [(e.message, e.line, e.column) for e in result.errors]))
    return outcomes


@pytest.mark.parametrize("codemod_id,source", list(_inputs()))
def test_every_case_input_gives_the_same_result_on_both_paths(codemod_id: str, source: Path) -> None:
    """Each case's input, with its own codemod and the unused pair selected (the pair's
    cases alone, and every other input as more code to run the pair on)."""
    case = _settings(source)
    min_version = case.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    ids = PAIR if codemod_id in PAIR else (codemod_id,) + PAIR
    options = {codemod_id: case.get("options", {})}
    for unsafe in sorted({case.get("unsafe-fixes", False), True}):
        settings = settings_for(ids, options, unsafe_fixes=unsafe)
        spliced, reference = _both_paths(source.read_bytes(), case.get("path", "case.py"), settings)
        assert spliced == reference


def test_the_splice_path_decides_a_plain_unused_import() -> None:
    stats = {}
    splicing.STATS = stats
    try:
        result = process_source(b"import os\nimport sys\n\nprint(sys.argv)\n", "example.py",
                                settings_for(PAIR))
    finally:
        splicing.STATS = None
    assert result.new_text == "import sys\n\nprint(sys.argv)\n"
    assert stats == {"spliced": 1}


def test_whole_statement_deletions_do_not_import_libcst(tmp_path: Path) -> None:
    """A pre-commit run fixing unused imports and variables by deleting statements."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    module = tmp_path / "module.py"
    module.write_text(textwrap.dedent("""\
        import os
        import sys


        def main():
            unused = 1
            return sys.argv
        """))
    script = textwrap.dedent(f"""\
        import sys
        from codemods.cli import main
        code = main(["apply", "--no-cache", {str(module)!r}])
        assert code == 0, code
        print(sorted(m for m in sys.modules if m == "libcst" or m.startswith("libcst.")))
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": REPO})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert module.read_text() == "import sys\n\n\ndef main():\n    return sys.argv\n"
