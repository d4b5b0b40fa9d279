"""What a pre-commit run of one clean file imports (issue 16: start-up).

A commit hook starts ``codemod`` once per commit for a handful of files that are
usually clean: its start-up is most of its time. These tests run ``codemod check``
of one clean file in a fresh interpreter and name the modules it must not import:
libcst (a clean file needs no rewriter), and the standard-library modules that were
cut from the start (each a few milliseconds: shutil brings zlib, bz2 and lzma).
A module set, not a timing: timings on a shared machine are noise."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.helpers import REPO

#: the interpreter's modules imported by the run, as one line of the report file
PROBE = textwrap.dedent("""\
    import sys
    report, argv = sys.argv[1], sys.argv[2:]
    before = set(sys.modules)
    from codemods.cli import main
    code = main(argv)
    with open(report, "w", encoding="utf-8") as handle:
        handle.write(f"{code}\\n" + " ".join(sorted(set(sys.modules) - before)))
""")

CLEAN = textwrap.dedent('''\
    """A module with nothing to fix."""

    import os


    def home() -> str:
        """The user's home folder."""
        return os.path.expanduser("~")
''')

#: never on a clean file's path, with or without the cache
NEVER = ("libcst", "shutil", "bz2", "lzma", "configparser", "sysconfig", "concurrent.futures", "difflib",
         "tempfile", "subprocess", "pathspec")
#: also absent when the cache is off (the benchmark's pre-commit case): no cache key,
#: so no import-sorter settings, and no JSON for a cached project model
NEVER_WITHOUT_CACHE = NEVER + ("json", "codemods.style.isort")


def imported_by(tmp_path, *arguments: str, runs: int = 1):
    """(exit code, modules imported) of the last of ``runs`` runs."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "clean"\n', encoding="utf-8")
    (project / "clean.py").write_text(CLEAN, encoding="utf-8")
    report = tmp_path / "imported.txt"
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", PROBE, str(report), *arguments, "clean.py"],
                              cwd=project, capture_output=True, text=True, env=_environment())
        assert done.returncode == 0, done.stderr
    code, modules = report.read_text(encoding="utf-8").split("\n", 1)
    return int(code), set(modules.split())


def _environment():
    import os

    environment = dict(os.environ)
    environment["PYTHONPATH"] = REPO + os.pathsep + environment.get("PYTHONPATH", "")
    return environment


def _present(modules, names):
    return sorted(m for m in modules for name in names if m == name or m.startswith(name + "."))


@pytest.mark.parametrize("arguments, runs, absent", [
    (("check", "--force-exclude", "--no-cache"), 1, NEVER_WITHOUT_CACHE),
    (("apply", "--force-exclude", "--no-cache"), 1, NEVER_WITHOUT_CACHE),
    # the hook's steady state: the second commit, the cache written by the first
    # (writing it takes tempfile, and so shutil: only a run that has news to store)
    (("check", "--force-exclude"), 2, NEVER),
], ids=["check-no-cache", "apply-no-cache", "check-cache-warm"])
def test_a_clean_file_imports_no_heavy_module(tmp_path, arguments, runs, absent):
    code, modules = imported_by(tmp_path, *arguments, runs=runs)
    assert code == 0, "the file is not clean: the test needs a file with nothing to fix"
    assert "codemods.runner" in modules  # the run did happen in this process
    assert _present(modules, absent) == []
