"""dead-code across modules, through the console script, and the behaviour of what it
leaves: the rewritten package still imports and runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers import run_cli


def _write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def _records(done: subprocess.CompletedProcess) -> list:
    return json.loads(done.stdout)["records"]


PROJECT = {
    "pyproject.toml": """
        [project]
        name = "pkg"

        [project.entry-points."console_scripts"]
        pkg-tool = "pkg.cli:_entry_point"
    """,
    "pkg/__init__.py": """
        from .core import public_api
    """,
    "pkg/core.py": """
        def public_api(value):
            return _used(value)


        def _used(value):
            return value + 1


        def _unused(value):
            return _only_unused_uses(value)


        def _only_unused_uses(value):
            return value


        def _tested_only():
            return 42


        def _patched_by_tests():
            return 1


        class _Base:
            def _reached_through_subclass(self):
                return 7

            def _never(self):
                return 0


        class Child(_Base):
            def run(self):
                return self._reached_through_subclass()
    """,
    "pkg/cli.py": """
        from pkg.core import Child


        def _entry_point():
            return Child().run()
    """,
    "tests/test_core.py": """
        from unittest import mock

        from pkg.core import _tested_only, public_api


        def test_api():
            assert public_api(1) == 2
            assert _tested_only() == 42


        def test_patch():
            with mock.patch("pkg.core._patched_by_tests", return_value=3):
                pass
    """,
}


def test_only_what_no_project_file_uses_goes(tmp_path: Path) -> None:
    _write(tmp_path, PROJECT)
    done = run_cli("apply", "--no-cache", "--select", "dead-code", "--output-format", "json", "pkg/core.py",
                   cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    core = (tmp_path / "pkg/core.py").read_text()
    for gone in ("_unused", "_only_unused_uses", "def _never"):
        assert gone not in core
    # used from a test folder that was not named, from a mock.patch string, through a
    # subclass, from an entry point in pyproject.toml
    for kept in ("_tested_only", "_patched_by_tests", "_reached_through_subclass", "_used"):
        assert kept in core
    assert "_entry_point" in (tmp_path / "pkg/cli.py").read_text()
    fixes = [r for r in _records(done) if r["kind"] == "fix"]
    assert len(fixes) == 3, fixes
    # the project still works: its tests pass, its entry point runs
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                           cwd=str(tmp_path), capture_output=True, text=True)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    run = subprocess.run([sys.executable, "-c", "from pkg.cli import _entry_point; print(_entry_point())"],
                         cwd=str(tmp_path), capture_output=True, text=True)
    assert run.stdout.strip() == "7", run.stderr
    again = run_cli("apply", "--no-cache", "--select", "dead-code", "pkg/core.py", cwd=str(tmp_path))
    assert again.returncode == 0 and "fixes:" not in (again.stderr + again.stdout).decode()


def test_public_definitions_are_reported_then_removed_with_unsafe_fixes(tmp_path: Path) -> None:
    _write(tmp_path, {
        "setup.cfg": "[metadata]\nname = lib\n",
        "lib.py": """
            def exported():
                return _helper()


            def _helper():
                return 1
        """,
    })
    done = run_cli("check", "--no-cache", "--select", "dead-code", "--output-format", "json", ".", cwd=str(tmp_path))
    records = _records(done)
    assert done.returncode == 1
    assert [(r["kind"], r["line"]) for r in records] == [("finding", 1)]
    assert "'exported' is unused: no reference in 1 project file" in records[0]["message"]
    done = run_cli("apply", "--no-cache", "--select", "dead-code", "--unsafe-fixes", ".", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "lib.py").read_text() == ""


def test_frozen_files_are_indexed_not_changed(tmp_path: Path) -> None:
    _write(tmp_path, {
        "setup.py": "",
        "a.py": "def _lonely():\n    pass\n",
        "b.py": "def _also_lonely():\n    pass\n",
    })
    done = run_cli("apply", "--no-cache", "--select", "dead-code", "a.py", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.py").read_text() == ""
    assert (tmp_path / "b.py").read_text() == "def _also_lonely():\n    pass\n"


def test_unreachable_code_removal_keeps_behaviour(tmp_path: Path) -> None:
    source = textwrap.dedent('''
        counter = 0


        def first(items):
            for item in items:
                return item
                print("never")
            raise LookupError("empty")
            return None


        def nothing():
            return
            yield


        def uses_global():
            return counter
            counter = 1


        def skip_odd(items):
            kept = []
            for item in items:
                if item % 2:
                    continue
                    kept.append(-1)
                kept.append(item)
            return kept
    ''').lstrip()
    (tmp_path / "pyproject.toml").write_text("")
    module = tmp_path / "mod.py"
    module.write_text(source)
    done = run_cli("apply", "--no-cache", "--select", "dead-code", "mod.py", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    after = module.read_text()
    assert 'print("never")' not in after and "kept.append(-1)" not in after
    script = textwrap.dedent('''
        import inspect, mod
        assert mod.first([3, 4]) == 3
        try:
            mod.first([])
        except LookupError:
            pass
        else:
            raise AssertionError("no error")
        assert inspect.isgeneratorfunction(mod.nothing) and list(mod.nothing()) == []
        try:
            mod.uses_global()
        except UnboundLocalError:
            pass
        else:
            raise AssertionError("counter stopped being local")
        assert mod.skip_odd([1, 2, 3, 4]) == [2, 4]
        print("ok")
    ''')
    run = subprocess.run([sys.executable, "-c", script], cwd=str(tmp_path), capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr


def test_a_cached_plan_sees_a_changed_configuration_file(tmp_path: Path) -> None:
    """The runner caches the plan by the Python files' digests; a name that a
    configuration file (or a C source) starts to mention must still keep its
    definition on the next run."""
    _write(tmp_path, {
        "setup.cfg": "[metadata]\nname = tool\n",
        "tool.py": "def _entry():\n    return 1\n",
    })
    first = run_cli("check", "--select", "dead-code", "tool.py", cwd=str(tmp_path))
    assert first.returncode == 1 and b"_entry" in first.stdout, first.stderr  # unused: would go
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = tool\n\n[options.entry_points]\n"
                                        "console_scripts =\n    tool = tool:_entry\n", encoding="utf-8")
    second = run_cli("check", "--select", "dead-code", "tool.py", cwd=str(tmp_path))
    assert second.returncode == 0, second.stdout.decode() + second.stderr.decode()
