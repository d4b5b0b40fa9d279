"""type-hints on overrides: a method that overrides an annotated base method (same
module, another module of the project, or a standard-library class typeshed
describes) takes the base's annotations, so mypy's override check stays quiet; and
the code still imports and runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import REPO, rewrite, run_cli

PROJECT = {
    "pkg/__init__.py": "from .base import Runner\n",
    "pkg/models.py": """\
        class Job:
            def __init__(self, name: str) -> None:
                self.name = name
    """,
    "pkg/base.py": """\
        from typing import Optional

        from .models import Job


        class Runner:
            def run(self, job: Job, retries: Optional[int] = None) -> bool:
                return bool(job.name)

            def summary(self) -> "Summary":
                return Summary()


        class Summary:
            pass
    """,
    "pkg/child.py": """\
        import logging
        import threading

        from pkg import Runner
        from .models import Job


        class Quiet(Runner):
            def run(self, job, retries=3):
                return retries == 3

            def summary(self):
                raise NotImplementedError


        class Local:
            def size(self, limit: float = 1.0) -> int:
                return int(limit)


        class Smaller(Local):
            def size(self, limit=2):
                print(limit)
                return 0


        class Worker(threading.Thread):
            def join(self, timeout=5):
                super().join(timeout)


        class Levels(logging.Handler):
            def setLevel(self, level=0):
                super().setLevel(level)


        def check():
            worker = Worker(target=lambda: None)
            worker.start()
            worker.join()
            handler = Levels()
            handler.setLevel()
            return Quiet().run(Job("a")), Smaller().size(), handler.level
    """,
}


def _write(root: Path) -> None:
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n", encoding="utf-8")
    for name, source in PROJECT.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


def _mypy(root: Path) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--show-error-codes", "--cache-dir",
         str(root / ".mypy_cache"), "pkg"],
        cwd=str(root), capture_output=True, text=True, timeout=600)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    return completed.stdout


def _run(root: Path) -> str:
    completed = subprocess.run([sys.executable, "-c", "import pkg.child; print(pkg.child.check())"],
                               cwd=str(root), capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.mark.parametrize("named", ["project", "staged file only"])
def test_overrides_take_the_base_annotations(tmp_path: Path, named: str) -> None:
    pytest.importorskip("mypy")
    _write(tmp_path)
    before = _run(tmp_path)
    target = "." if named == "project" else "pkg/child.py"  # pre-commit names only staged files
    done = run_cli("apply", "--select", "type-hints", "--no-cache", "--target-version", "py39", target,
                   cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    child = (tmp_path / "pkg" / "child.py").read_text(encoding="utf-8")
    # the project's base, two modules away (a re-export, a relative import)
    # (Job: the child's own relative import of the same class; Summary: imported for type checkers)
    assert "def run(self, job: Job, retries: Optional[int] = 3) -> bool:" in child
    assert 'def summary(self) -> "Summary":' in child
    assert "    from pkg.base import Summary\n" in child and "pkg.models import Job" not in child
    # the same module: the base's type, not the default's
    assert "def size(self, limit: float = 2) -> int:" in child
    # typeshed's standard library
    assert 'def join(self, timeout: "float | None" = 5) -> None:' in child
    assert 'def setLevel(self, level: "_Level" = 0) -> None:' in child
    assert _run(tmp_path) == before
    errors = _mypy(tmp_path)
    assert "[override]" not in errors, errors


def test_placeholders_where_the_base_type_cannot_be_written() -> None:
    source = textwrap.dedent("""\
        from typing import Generic, TypeVar

        T = TypeVar("T")


        class Box(Generic[T]):
            def get(self, default: T) -> T:
                return default


        class IntBox(Box[int]):
            def get(self, default=0):
                return 1


        class Mixed(Unknown, Box[int]):  # a base nobody can see comes first in the MRO
            def get(self, default=0):
                return 1
    """)
    out = rewrite("type-hints", source)
    assert out.count("def get(self, default: Any = 0) -> Any:") == 2, out


def test_unannotated_base_methods_change_nothing() -> None:
    source = "class Base:\n    def run(self, x):\n        return x\n\n\nclass Child(Base):\n    def run(self, x=1):\n        pass\n"
    out = rewrite("type-hints", source)
    assert "def run(self, x: int = 1) -> Any:" in out  # the method rules as before (pass: may be overridden)


def test_the_index_of_the_run_is_plain_data() -> None:
    from codemods.cache import decode_value, encode_value
    from codemods.transforms.type_hints.overrides import index_paths

    index = index_paths([str(Path(REPO) / "codemods" / "contract.py")])
    assert decode_value(encode_value(index)) == index
    assert repr(index) == repr(index_paths([str(Path(REPO) / "codemods" / "contract.py")]))


def test_a_base_outside_the_run_is_read_again_when_it_changes(tmp_path: Path) -> None:
    _write(tmp_path)
    cache = ["--cache-dir", str(tmp_path / ".cache")]
    first = run_cli("check", "--select", "type-hints", *cache, "pkg/child.py", cwd=str(tmp_path))
    assert b"retries: Optional[int] = 3" in first.stdout, first.stdout + first.stderr
    base = tmp_path / "pkg" / "base.py"
    base.write_text(base.read_text(encoding="utf-8").replace("retries: Optional[int] = None",
                                                             "retries: float = 1.0"), encoding="utf-8")
    again = run_cli("check", "--select", "type-hints", *cache, "pkg/child.py", cwd=str(tmp_path))
    assert b"retries: float = 3" in again.stdout, again.stdout + again.stderr
