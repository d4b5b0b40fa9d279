"""Diffs, suppression and finding lines count lines as their readers do.

* The diff ``check`` prints is for git and patch: lines end only at ``\\n``. Every
  hostile input below (form feeds, ``\\x0b``, ``\\x1c``-``\\x1e``, ``\\x85``,
  ``\\u2028``/``\\u2029``, CRLF, lone CRs, no final newline, a BOM ...) is written
  to a git repository, and the whole output of ``codemod check`` (text, then JSON,
  fresh and from the cache) must apply there with ``git apply`` and give exactly
  the bytes ``codemod apply`` writes.
* Suppression comments and findings use Python's line numbers (``\\n``, ``\\r\\n``,
  ``\\r``), whatever other characters ``str.splitlines`` would split at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from codemods.diffs import diff_hunks, patch_lines
from codemods.engine.pipeline import process_source
from tests.helpers import run_cli, settings_for

SELECT = "unused-imports,unused-variables"

#: name -> UTF-8 source that codemod rewrites (an unused import or variable each).
#: Left out because libcst does not reproduce them, so codemod reports and skips them
#: (tests/test_runner_cli.py): a form feed before a statement (``\x0cy = 1``) and a
#: lone ``\r`` ending the file.
HOSTILE = {
    "form_feed_line": "import os\n\x0c\ndef f():\n    x = 1\n    return 2\n",
    "form_feed_on_changed_line": "import os  # \x0c page\nprint(1)\n",
    "form_feed_last_no_newline": "import os\nprint(1)\n\x0c",
    "vertical_tab": "import os\ns = 'a\x0bb'  # c\x0bd\nprint(s)\n",
    "separators_1c_1e": "# a\x1cb\x1dc\x1ed\nimport os\nprint(1)\n",
    "next_line_85": "import os\ns = 'a\x85b'  # c\x85d\nprint(s)\n",
    "line_paragraph_separators": "import os\n# a\u2028b\u2029c\nprint(1)\n",
    "separators_around_a_removed_variable": "def f():\n    s = 'a\u2028b'\n    x = 1\n    t = 'c\x0cd'\n    return s + t\n",
    "crlf": "import os\r\nprint(1)\r\n",
    "lone_cr_inside_crlf": "import os\r\ny = 2\rz = 3\r\nprint(y, z)\r\n",
    "no_final_newline": "import os\nprint(1)",
    "no_final_newline_last_removed": "print(1)\nimport os",
    "bom": "\ufeffimport os\nprint(1)\n",
    "trailing_whitespace_tabs": "import os \t\nif True:\n\tx = 1\n\tprint(2)\n",
    "nbsp_and_wide": "import os\ns = 'a\u00a0b\u3000c'\nprint(s)\n",
    "mixed_everything": "import os\r\n\x0c\r\ns = 'a\u2028\x85\x1c'\nimport sys\rprint(s)\n\x0c",
}


def _git(*args: str, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, HOME=str(cwd))
    return subprocess.run(["git", "-c", "core.autocrlf=false", "-c", "user.name=t", "-c", "user.email=t@t",
                           *args], cwd=str(cwd), capture_output=True, env=env, timeout=60, check=False)


def _repository(path):
    path.mkdir()
    for name, text in HOSTILE.items():
        (path / f"{name}.py").write_bytes(text.encode("utf-8"))
    assert _git("init", "-q", cwd=path).returncode == 0
    assert _git("add", "-A", cwd=path).returncode == 0
    assert _git("commit", "-qm", "originals", cwd=path).returncode == 0
    return path


def _applies(repository, patch: bytes, expected) -> None:
    done = subprocess.run(["git", "apply", "--check"], input=patch, cwd=str(repository), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    done = subprocess.run(["git", "apply"], input=patch, cwd=str(repository), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    for name in HOSTILE:
        assert (repository / f"{name}.py").read_bytes() == expected[name], name
    assert _git("checkout", "-q", "--", ".", cwd=repository).returncode == 0


def test_check_output_applies_with_git(tmp_path) -> None:
    repository = _repository(tmp_path / "repo")
    applied = tmp_path / "applied"
    shutil.copytree(repository, applied, ignore=shutil.ignore_patterns(".git"))
    done = run_cli("apply", "--no-cache", "--select", SELECT, ".", cwd=str(applied))
    assert done.returncode == 0, done.stderr
    expected = {name: (applied / f"{name}.py").read_bytes() for name in HOSTILE}
    unchanged = sorted(name for name, data in expected.items() if data == HOSTILE[name].encode("utf-8"))
    assert not unchanged, f"not rewritten, so not tested: {unchanged}"

    cache = str(tmp_path / "cache")
    for attempt in ("fresh", "from the cache"):
        done = run_cli("check", "--cache-dir", cache, "--select", SELECT, ".", cwd=str(repository))
        assert done.returncode == 1, (attempt, done.stderr)
        assert b"Traceback" not in done.stderr
        _applies(repository, done.stdout, expected)
        done = run_cli("check", "--cache-dir", cache, "--select", SELECT, "--output-format", "json", ".",
                       cwd=str(repository))
        assert done.returncode == 1, (attempt, done.stderr)
        report = json.loads(done.stdout)
        files = report["files"] if isinstance(report, dict) and "files" in report else report
        patch = "".join(entry["diff"] for entry in files if isinstance(entry, dict) and entry.get("diff"))
        _applies(repository, patch.encode("utf-8"), expected)


@pytest.mark.parametrize("text", sorted(set(HOSTILE.values())))
def test_hunks_keep_every_character(text: str) -> None:
    """Joining the lines gives the text back, and no line ends inside a line of git's."""
    assert "".join(patch_lines(text)) == text
    assert all("\n" not in line[:-1] for line in patch_lines(text))
    hunks = diff_hunks(text, "# changed\n" + text[len(text) // 2:])
    assert hunks and all(line.endswith("\n") and line[:1] in "+- @\\" for line in patch_lines(hunks))


def test_suppression_lines_are_python_lines() -> None:
    """A form feed inside a string does not shift the suppressed line: the import on
    line 2 goes, the one suppressed on line 3 stays."""
    source = 's = "a\x0cb"\nimport os\nimport sys  # codemod: ignore\n'
    result = process_source(source.encode(), "example.py", settings_for(["unused-imports"]))
    assert not result.errors
    assert result.new_text == 's = "a\x0cb"\nimport sys  # codemod: ignore\n'


def test_findings_move_by_python_lines() -> None:
    """A finding made on an earlier text moves to its line in the final one by
    Python's line numbers: a ``\u2028`` or form feed in a string above it changes
    nothing."""
    from codemods.contract import Finding
    from codemods.engine.hunks import moved_findings as _moved

    old = 'S = "a\u2028b\x0cc"\nimport os\nrun(S)\n'
    new = 'S = "a\u2028b\x0cc"\nrun(S)\n'
    [moved] = _moved([Finding("x", 3, 1, "on run(S)")], old, new)
    assert moved.line == 2
