"""The project, not the command line, is the unit of safety (issue 13).

pre-commit names only the staged files: a fix in one of them must not break the
others. Each test runs the real console script on a few named files of a small
package, then imports (or runs) the files it left alone with a fresh Python.
"""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

from tests.helpers import run_cli

CORE = '''\
__all__ = ["public_thing"]


def public_thing():
    return helperFunc() + _privHelper(1)


def helperFunc():
    return 1


def _privHelper(someArg):
    return someArg
'''

REPORT = '''\
from pkg.core import helperFunc, _privHelper

RESULT = helperFunc() + _privHelper(someArg=2)
'''


def write_tree(root: Path, files: Dict[str, str], marker: bool = True) -> Path:
    if marker:
        (root / "pyproject.toml").write_text("")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def cli(*args: str, cwd: Path, stdin: bytes = None) -> subprocess.CompletedProcess:
    done = run_cli(*args, cwd=str(cwd), input=stdin)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def python(root: Path, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` with a fresh interpreter in ``root`` (the package importable from there)."""
    return subprocess.run([sys.executable, "-c", code], cwd=str(root), capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"})


def three_files(root: Path) -> Path:
    return write_tree(root, {"pkg/__init__.py": "", "pkg/core.py": CORE, "pkg/report.py": REPORT})


# -- naming: what a frozen file refers to is held, and said so ------------------------------

def test_naming_on_one_file_keeps_what_another_file_imports_and_says_where(tmp_path):
    three_files(tmp_path)
    done = cli("apply", "--select", "naming", "--no-cache", "pkg/core.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pkg" / "core.py").read_text() == CORE
    assert "pkg/report.py:1 refers to 'helperFunc'" in done.stdout
    assert "pkg/report.py:1 refers to '_privHelper'" in done.stdout
    assert "parameter 'someArg' of '_privHelper'" in done.stdout and "pkg/report.py:3" in done.stdout
    assert "run codemod on both files (pkg/core.py pkg/report.py) or on the whole project" in done.stdout
    imported = python(tmp_path, "import pkg.report; print(pkg.report.RESULT)")
    assert imported.returncode == 0 and imported.stdout == "3\n", imported.stderr
    # check reports the same and fails (something to fix by hand)
    assert cli("check", "--select", "naming", "--no-cache", "pkg/core.py", cwd=tmp_path).returncode == 1


def test_naming_renames_everywhere_when_every_referring_file_is_in_the_run(tmp_path):
    three_files(tmp_path)
    done = cli("apply", "--select", "naming", "--no-cache", "pkg/core.py", "pkg/report.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "def _priv_helper(some_arg):" in (tmp_path / "pkg" / "core.py").read_text()
    assert (tmp_path / "pkg" / "report.py").read_text() == (
        "from pkg.core import helper_func, _priv_helper\n\nRESULT = helper_func() + _priv_helper(some_arg=2)\n")
    imported = python(tmp_path, "import pkg.report; print(pkg.report.RESULT)")
    assert imported.returncode == 0 and imported.stdout == "3\n", imported.stderr


def test_naming_keeps_a_parameter_another_file_passes_by_keyword_through_a_module_attribute(tmp_path):
    write_tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/core.py": "def _scale(rawValue):\n    return rawValue * 2\n\n\nTWICE = _scale(1)\n",
        "pkg/other.py": "from pkg import core\n\nVALUE = core._scale(rawValue=3)\n",
    })
    done = cli("apply", "--select", "naming", "--no-cache", "pkg/core.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "def _scale(rawValue):" in (tmp_path / "pkg" / "core.py").read_text()
    assert "pkg/other.py:3 refers to 'rawValue'" in done.stdout
    imported = python(tmp_path, "import pkg.other; print(pkg.other.VALUE)")
    assert imported.returncode == 0 and imported.stdout == "6\n", imported.stderr


def test_naming_on_stdin_indexes_the_files_project_from_disk(tmp_path):
    three_files(tmp_path)
    done = cli("apply", "--select", "naming", "--no-cache", "--stdin-filename", "pkg/core.py", cwd=tmp_path,
               stdin=CORE.encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout == CORE  # held: report.py imports both names


def test_project_root_option_sets_the_project(tmp_path):
    from codemods.analysis.project import find_project_root

    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/core.py": CORE, "pkg/report.py": REPORT}, marker=False)
    if find_project_root([str(tmp_path / "pkg" / "core.py")]) is not None:
        import pytest

        pytest.skip("a folder above the temporary folder holds a project marker")
    # no marker: only the named files are the run's world; --project-root says where the project is
    done = cli("check", "--select", "naming", "--no-cache", "--project-root", ".", "pkg/core.py", cwd=tmp_path)
    assert "pkg/report.py:1 refers to 'helperFunc'" in done.stdout, done.stdout + done.stderr
    missing = cli("check", "--project-root", "nowhere", "pkg/core.py", cwd=tmp_path)
    assert missing.returncode == 2 and "--project-root: no such folder" in missing.stderr


def test_rename_of_one_file_refuses_when_a_file_left_out_mentions_the_name(tmp_path):
    three_files(tmp_path)
    done = cli("rename", "--no-cache", "pkg.core._privHelper", "_priv_helper", "pkg/core.py", cwd=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "pkg/report.py:1 mentions _privHelper but is not rewritten in this run" in done.stderr
    assert (tmp_path / "pkg" / "core.py").read_text() == CORE
    everywhere = cli("rename", "--no-cache", "pkg.core._privHelper", "_priv_helper", ".", cwd=tmp_path)
    assert everywhere.returncode == 0, everywhere.stderr
    imported = python(tmp_path, "import pkg.report; print(pkg.report.RESULT)")
    assert imported.returncode == 0 and imported.stdout == "3\n", imported.stderr


# -- unused-imports: implicit re-exports stay, and are reported -----------------------------

UTIL = "from json import dumps\nimport os\n\n\ndef helper():\n    return 1\n"


def test_unused_imports_keeps_an_import_another_module_imports_from_it(tmp_path):
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/util.py": UTIL,
                          "pkg/cli.py": "from pkg.util import dumps\n\nOUT = dumps([1])\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/util.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pkg" / "util.py").read_text() == UTIL.replace("import os\n", "")
    assert "`dumps` is not used here but pkg/cli.py:1 reads it from this module: kept" in done.stdout
    assert "from json import dumps as dumps" in done.stdout  # the hint
    imported = python(tmp_path, "import pkg.cli; print(pkg.cli.OUT)")
    assert imported.returncode == 0 and imported.stdout == "[1]\n", imported.stderr


def test_unused_imports_keeps_an_import_read_as_a_module_attribute(tmp_path):
    write_tree(tmp_path, {"pkg/__init__.py": "",
                          "pkg/compat.py": "from collections import OrderedDict\nimport sys\n\nPY = 3\n",
                          "pkg/use.py": "import pkg.compat as compat\n\nMAPPING = compat.OrderedDict(a=1)\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/compat.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pkg" / "compat.py").read_text() == "from collections import OrderedDict\n\nPY = 3\n"
    assert "pkg/use.py:3 reads it from this module" in done.stdout
    imported = python(tmp_path, "import pkg.use; print(dict(pkg.use.MAPPING))")
    assert imported.returncode == 0 and imported.stdout == "{'a': 1}\n", imported.stderr


def test_unused_imports_keeps_what_a_star_import_of_a_module_without_all_takes(tmp_path):
    write_tree(tmp_path, {"pkg/__init__.py": "",
                          "pkg/helpers.py": "from json import loads\n\n\ndef h():\n    return 2\n",
                          "pkg/star.py": "from pkg.helpers import *\nimport os\n\nVALUE = loads('[2]')\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/helpers.py", "pkg/star.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from json import loads" in (tmp_path / "pkg" / "helpers.py").read_text()
    # star.py star-imports, but nobody imports from it: not a facade, its unused import goes
    assert (tmp_path / "pkg" / "star.py").read_text() == "from pkg.helpers import *\n\nVALUE = loads('[2]')\n"
    imported = python(tmp_path, "import pkg.star; print(pkg.star.VALUE)")
    assert imported.returncode == 0 and imported.stdout == "[2]\n", imported.stderr


def test_a_star_importing_module_that_others_import_from_stays_a_facade(tmp_path):
    write_tree(tmp_path, {"pkg/__init__.py": "",
                          "pkg/helpers.py": "def h():\n    return 2\n",
                          "pkg/api.py": "from pkg.helpers import *\nimport os\n\nVALUE = h()\n",
                          "pkg/user.py": "from pkg.api import os\n\nSEP = os.sep\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/api.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "import os" in (tmp_path / "pkg" / "api.py").read_text()
    assert python(tmp_path, "import pkg.user").returncode == 0


def test_unused_imports_keeps_a_name_a_test_patches_by_string(tmp_path):
    write_tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/util.py": UTIL,
        "tests/test_util.py": ("from unittest import mock\n\nimport pkg.util\n\n\n"
                               "def run():\n    with mock.patch('pkg.util.dumps', return_value='x'):\n"
                               "        return pkg.util.helper()\n\n\nprint(run())\n"),
    })
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/util.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from json import dumps" in (tmp_path / "pkg" / "util.py").read_text()
    assert "tests/test_util.py:7 reads it from this module" in done.stdout
    ran = python(tmp_path, "import runpy; runpy.run_path('tests/test_util.py')")
    assert ran.returncode == 0 and ran.stdout == "1\n", ran.stderr


def test_unused_imports_keeps_an_entry_point_target(tmp_path):
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/util.py": UTIL})
    (tmp_path / "pyproject.toml").write_text('[project.scripts]\ndump = "pkg.util:dumps"\n')
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/util.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from json import dumps" in (tmp_path / "pkg" / "util.py").read_text()
    assert "pyproject.toml:2 reads it from this module" in done.stdout


# -- the model itself ----------------------------------------------------------------------

def test_model_references_every_form(tmp_path):
    from codemods.analysis.project import build_model, project_files

    write_tree(tmp_path, {
        "pkg/__init__.py": "from pkg.core import helperFunc\n",
        "pkg/core.py": CORE,
        "pkg/report.py": REPORT,
        "pkg/attr.py": "import pkg.core\nimport pkg.core as c\n\npkg.core._privHelper(someArg=1)\nc.helperFunc()\n",
        "pkg/rel.py": "from .core import _privHelper as p\nfrom . import core\n",
        "pkg/star.py": "from pkg.core import *\n",
        "pkg/again.py": "from pkg import helperFunc\n",
        "tests/t.py": "import mock\nmock.patch('pkg.core._privHelper')\nX = 'pkg.core:helperFunc'\n",
    })
    model = build_model(project_files(str(tmp_path)), root=str(tmp_path))
    seen = {(os.path.relpath(r.path, tmp_path), r.line, r.kind) for r in model.references("pkg.core", "_privHelper")}
    assert seen == {("pkg/report.py", 1, "import"), ("pkg/report.py", 3, "keyword"),
                    ("pkg/attr.py", 4, "attribute"), ("pkg/attr.py", 4, "keyword"),
                    ("pkg/rel.py", 1, "import"), ("tests/t.py", 2, "string")}
    helper = {(os.path.relpath(r.path, tmp_path), r.line, r.kind) for r in model.references("pkg.core", "helperFunc")}
    # the __init__ re-export, and who imports it from there (transitive); no star import:
    # core has __all__ without it
    assert {("pkg/__init__.py", 1, "import"), ("pkg/again.py", 1, "import"), ("pkg/attr.py", 5, "attribute"),
            ("tests/t.py", 3, "string"), ("pkg/report.py", 1, "import")} == helper
    assert ("pkg/star.py", 1, "star-import") in {
        (os.path.relpath(r.path, tmp_path), r.line, r.kind) for r in model.references("pkg.core", "public_thing")}
    assert [(os.path.relpath(r.path, tmp_path), r.keywords) for r in model.keyword_uses("pkg.core", "_privHelper")] == [
        ("pkg/attr.py", ("someArg",)), ("pkg/report.py", ("someArg",))]
    assert model.star_exports("pkg.core") == {"public_thing"}


def test_project_files_are_gits_files_or_a_walk(tmp_path):
    from codemods.analysis.project import project_files

    write_tree(tmp_path, {"a.py": "", "build/gen.py": "", "sub/b.py": "", "ignored/c.py": ""})
    (tmp_path / ".gitignore").write_text("ignored/\n")
    walked = [os.path.relpath(p, tmp_path) for p in project_files(str(tmp_path))]
    assert walked == ["a.py", "sub/b.py"]  # default excludes (build) and .gitignore
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    listed = [os.path.relpath(p, tmp_path) for p in project_files(str(tmp_path))]
    assert listed == ["a.py", "build/gen.py", "sub/b.py"]  # untracked, not ignored


def test_a_warm_model_reads_no_unchanged_file(tmp_path, monkeypatch):
    from codemods.analysis.project import build_model, project_files

    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/core.py": CORE, "pkg/report.py": REPORT})
    cache = str(tmp_path / ".codemods_cache")
    paths = project_files(str(tmp_path))
    cold = build_model(paths, root=str(tmp_path), cache_folder=cache)
    opened = []
    real_open = builtins.open

    def spying_open(file, *args, **kwargs):
        opened.append(os.path.abspath(str(file)) if isinstance(file, (str, os.PathLike)) else file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying_open)
    warm = build_model(paths, root=str(tmp_path), cache_folder=cache)
    assert not [p for p in opened if isinstance(p, str) and p.endswith(".py")], opened
    assert [r.where(str(tmp_path)) for r in warm.references("pkg.core", "helperFunc")] == [
        r.where(str(tmp_path)) for r in cold.references("pkg.core", "helperFunc")]
    # a changed file is read again, and only that one
    (tmp_path / "pkg" / "report.py").write_text("from pkg.core import helperFunc\n\n\nhelperFunc()\n")
    opened.clear()
    changed = build_model(paths, root=str(tmp_path), cache_folder=cache)
    assert [p for p in opened if isinstance(p, str) and p.endswith(".py")] == [str(tmp_path / "pkg" / "report.py")]
    assert [r.line for r in changed.references("pkg.core", "_privHelper")] == []


def test_from_sources_needs_no_files():
    from codemods.analysis.project import ProjectModel

    model = ProjectModel.from_sources([("/nowhere/a.py", "import b\nb.x\n"), ("/nowhere/b.py", "x = 1\n")])
    assert [(r.kind, r.target) for r in model.references("b", "x")] == [("attribute", ("b", "x"))]


def test_a_namespace_package_module_is_found_by_its_import_path(tmp_path):
    # ns/ has no __init__.py: the file is named "helpers" but imported as ns.helpers
    write_tree(tmp_path, {"ns/helpers.py": UTIL, "app.py": "from ns.helpers import dumps\n\nOUT = dumps(2)\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "ns/helpers.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from json import dumps" in (tmp_path / "ns" / "helpers.py").read_text()
    assert "app.py:1 reads it from this module" in done.stdout
    imported = python(tmp_path, "import app; print(app.OUT)")
    assert imported.returncode == 0 and imported.stdout == "2\n", imported.stderr


def test_a_star_importing_module_loaded_by_name_stays_a_facade(tmp_path):
    # settings modules, plugins: loaded with import_module("pkg.settings") and read by name
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/base.py": "DEBUG = False\n",
                          "pkg/settings.py": "from pkg.base import *\nfrom os import sep\n\nDEBUG = True\n",
                          "run.py": "import importlib\n\nS = importlib.import_module('pkg.settings')\nprint(S.sep)\n"})
    done = cli("apply", "--select", "unused-imports", "--no-cache", "pkg/settings.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "from os import sep" in (tmp_path / "pkg" / "settings.py").read_text()
    assert python(tmp_path, "import run").returncode == 0
