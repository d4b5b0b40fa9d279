"""A file valid in a newer Python than the one running codemod is reported as
needing that Python (so a pre-commit user sets the hook's ``language_version``),
not as a syntax error; a genuine syntax error is still reported as one.

Each example is checked with the real newer interpreter when it is installed
(``~/.pyenv/versions/3.1X.*``): it must compile there. The detection itself runs on
the Python running the tests and applies only where that Python is older than the
example's version.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from typing import Optional

import pytest

from codemods.engine import newer_syntax
from codemods.engine.pipeline import process_source
from tests.helpers import run_cli, settings_for

RUNNING = "%d.%d" % sys.version_info[:2]


def _interpreter(version: str) -> Optional[str]:
    found = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")))
    return found[-1] if found else None


def _compiles_on(version: str, source: str) -> Optional[bool]:
    python = _interpreter(version)
    if python is None:
        return None
    done = subprocess.run([python, "-c", "import sys; compile(sys.stdin.read(), 'example.py', 'exec')"],
                          input=source.encode(), capture_output=True, timeout=60, check=False)
    return done.returncode == 0


def _errors(source: str):
    result = process_source(source.encode(), "example.py", settings_for(["unused-imports"]))
    assert result.status == "error"
    return [(e.line, e.message) for e in result.errors]


PEP_701 = "PEP 701 f-string: quotes, backslashes or comments inside the braces"

NEWER = [
    pytest.param("def first[T](items: list[T]) -> T:\n    return items[0]\n", "3.12", "type parameter syntax", 1,
                 id="pep695-def"),
    pytest.param("import os\n\n\nclass Box[T]:\n    item: T\n", "3.12", "type parameter syntax", 4, id="pep695-class"),
    pytest.param("type Pair[T] = tuple[T, T]\n", "3.12", "type alias statement", 1, id="pep695-type"),
    pytest.param('names = ["a"]\nline = f"{", ".join(names)}"\n', "3.12", PEP_701, 2, id="pep701-quotes"),
    pytest.param('rows = ["a"]\ntext = f"{"\\n".join(rows)}"\n', "3.12", PEP_701, 2, id="pep701-backslash"),
    pytest.param('value = 1\ntext = f"""{\n    value  # the value\n}"""\n', "3.12", PEP_701, 2, id="pep701-comment"),
    pytest.param('value = 1\ntext = f"{f"{f"{value}"}"}"\n', "3.12", PEP_701, 2, id="pep701-nested"),
    pytest.param(('cmd = ["ls"]\nmessage = (f\'{\' \'.join(cmd)!r} failed with \'\n'
                  '           f\'exit code {1}\')\n'), "3.12", PEP_701, 2, id="pep701-then-concatenation"),
    pytest.param("def first[T = int](items: list[T]) -> T:\n    return items[0]\n", "3.13", "type parameter default", 1,
                 id="pep696-default"),
    pytest.param("def first[T](items: list[T]) -> T:\n    return items[0]\n\n\n"
                 "class Box[T = str]:\n    item: T\n", "3.13", "type parameter default", 5, id="pep695-and-pep696"),
    pytest.param("try:\n    pass\nexcept* ValueError:\n    pass\n", "3.11", "except*", 3, id="except-star"),
    pytest.param("match command:\n    case [x]:\n        pass\n", "3.10", "match statement", 1, id="match"),
]


@pytest.mark.parametrize("source,version,feature,line", NEWER)
def test_newer_syntax_is_reported_as_needing_that_python(source: str, version: str, feature: str, line: int) -> None:
    assert _compiles_on(version, source) in (True, None), f"not valid Python {version}: fix the example"
    if sys.version_info[:2] >= tuple(int(p) for p in version.split(".")):
        pytest.skip(f"Python {RUNNING} reads Python {version} syntax")
    assert _errors(source) == [(line, f"this file uses syntax of Python {version} ({feature}); codemod runs on "
                                      f"Python {RUNNING}: run it on Python {version} or newer "
                                      "(pre-commit: set the hook's language_version)")]


GENUINE = [
    pytest.param("def f(:\n    pass\n", id="plain"),
    pytest.param("def first[T](x: T) -> T:\n    return x\n\nprint 'hi'\n", id="pep695-and-python2"),
    pytest.param('text = f"{"a" + }"\n', id="broken-pep701-f-string"),
    pytest.param("def first[T = ](x: T) -> T:\n    return x\n", id="broken-type-parameters"),
    pytest.param("type = = 1\n", id="broken-type-statement"),
]


@pytest.mark.parametrize("source", GENUINE)
def test_a_genuine_syntax_error_stays_one(source: str) -> None:
    assert _compiles_on("3.13", source) in (False, None), "valid Python 3.13: fix the example"
    [(_, message)] = _errors(source)
    assert message.startswith("syntax error: ")


def test_the_error_must_lie_in_the_newer_construct(monkeypatch) -> None:
    """libcst finding newer syntax somewhere is not enough: CPython's error must be
    inside it (or later in its statement)."""
    monkeypatch.setattr(newer_syntax, "_features", lambda text: [[3, 99, "future syntax", 5, 1, 6]])
    source = "def f[T](x): pass\n"
    assert newer_syntax.newer_syntax(source, 1) is None
    assert newer_syntax.newer_syntax(source, 6) is not None
    assert newer_syntax.newer_syntax(source, 7) is None


def test_a_plain_syntax_error_starts_no_process(monkeypatch) -> None:
    def fail(text):
        raise AssertionError("the child process ran")

    monkeypatch.setattr(newer_syntax, "_features", fail)
    [(_, message)] = _errors("def f(:\n    pass\nx = [1, 2\n")
    assert message.startswith("syntax error: ")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the running Python reads Python 3.12 syntax")
def test_cli_names_the_python_and_processes_the_other_files(tmp_path) -> None:
    (tmp_path / "generic.py").write_text("def first[T](items: list[T]) -> T:\n    return items[0]\n")
    (tmp_path / "plain.py").write_text("import os\n\nx = 1\n")
    done = run_cli("check", "--no-cache", ".", cwd=str(tmp_path))
    assert done.returncode == 2
    assert (f"generic.py:1:10: error: this file uses syntax of Python 3.12 (type parameter syntax); codemod runs on "
            f"Python {RUNNING}").encode() in done.stderr
    assert b"+++ b/plain.py" in done.stdout


def _samples():
    from tests.test_runner_cli import NEW_SYNTAX

    for name, (version, data) in sorted(NEW_SYNTAX.items()):
        yield pytest.param(version, data, id=name)


@pytest.mark.parametrize("version,data", list(_samples()))
def test_the_newest_syntax_samples_name_their_python(version, data) -> None:
    """The samples every codemod is run on where Python reads them (test_runner_cli)
    are reported as needing their Python everywhere else."""
    wanted = "%d.%d" % version
    assert _compiles_on(wanted, data.decode()) in (True, None)
    if sys.version_info[:2] >= version:
        pytest.skip(f"Python {RUNNING} reads Python {wanted} syntax")
    [(_, message)] = _errors(data.decode())
    assert message.startswith(f"this file uses syntax of Python {wanted} (")
