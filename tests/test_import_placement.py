"""New imports go where the project's import sorter wants them: every combination of
a module shape, the imports a fix needs and a project configuration is checked with
the real sorters (``ruff check --select I001`` for a ruff configuration, ``isort
--check`` for an isort one, both for none), and the blank-line rules (E30x, W29x) find
nothing the insertion added."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import libcst as cst
import pytest

from codemods.cst.imports import NeededImport, add_imports
from codemods.style.isort import FIRSTPARTY, STDLIB, THIRDPARTY, import_settings

BIN = os.path.dirname(sys.executable)
RUFF = shutil.which("ruff", path=BIN)
ISORT = shutil.which("isort", path=BIN)
FLAKE8 = shutil.which("flake8", path=BIN)
HACKING = FLAKE8 is not None and importlib.util.find_spec("hacking") is not None  # (Python 3.10 and newer)

#: module shapes (a shape the configuration does not accept as it is is skipped)
SOURCES: Dict[str, str] = {
    "code_only": "VALUE = 1\n",
    "docstring_def": '"""Module docstring."""\n\n\ndef f(a):\n    return a\n',
    "docstring_code": '"""Module docstring."""\n\nVALUE = 1\n',
    "header": "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Copyright notice\n# spanning lines\n\n\nclass A:\n    pass\n",
    "future": '"""Doc."""\n\nfrom __future__ import annotations\n\n\ndef f(a):\n    return a\n',
    "sections": (
        "import os\n\nimport requests\n\nimport mypkg.models\n\n\ndef f(a):\n    return a\n"),
    "typing_present": "import os\nfrom typing import Any, Dict\n\nx: Dict[str, Any] = {}\n",
    "comment_above": "# the standard library\nimport sys\n\nprint(sys.argv)\n",
    "comment_apart": '"""Doc."""\n\nimport os\n\n# Helpers.\n\ndef f():\n    return os\n',
    "comment_attached": '"""Doc."""\n\n\n# The entry point.\ndef f():\n    return 1\n',
    "typing_grid": ("from typing import (Any, Callable, Dict, FrozenSet, Iterable, Iterator,\n"
                    "                    Mapping, Tuple)\n\nx: Dict[str, Any] = {}\n"),
    "typing_exploded": "from typing import (\n    Any,\n    Dict,\n)\n\nx: Dict[str, Any] = {}\n",
    "licence_after_docstring": '"""Doc."""\n\n# Copyright 2020\n# Licence\n\nVALUE = 1\n',
    "stdlib_late": "import os\nimport uuid\nimport warnings\n\nVALUE = uuid.uuid4()\n",
    "all_first": '"""Doc."""\n\n__all__ = ["f"]\n\nimport os\n\n\ndef f():\n    return os\n',
}

NEEDED: Dict[str, Sequence[NeededImport]] = {
    "typing": [NeededImport("typing", "Optional"), NeededImport("typing", "List"),
               NeededImport("typing", "TYPE_CHECKING")],
    "module": [NeededImport("collections.abc")],
    "third_party": [NeededImport("sqlalchemy", "bindparam")],
    "first_party": [NeededImport("mypkg.models", "User")],
    "aliased": [NeededImport("typing", "Any", "AnyType")],
    "long": [NeededImport("typing", name) for name in
             ("Any", "Callable", "Dict", "FrozenSet", "Iterable", "Iterator", "List", "Mapping", "Optional",
              "Sequence", "Set", "Tuple", "Union")],
}

#: (files of the project, which sorters read them)
CONFIGS: Dict[str, tuple] = {
    "defaults": ({}, ("ruff", "isort")),
    "ruff_defaults": ({"pyproject.toml": "[tool.ruff]\n"}, ("ruff",)),
    "ruff_single_line": ({"pyproject.toml": "[tool.ruff.lint.isort]\nforce-single-line = true\n"
                                            'known-first-party = ["mypkg"]\n'}, ("ruff",)),
    "ruff_sorted_within": ({"ruff.toml": "line-length = 60\n[lint.isort]\nforce-sort-within-sections = true\n"
                                         "order-by-type = false\nlines-after-imports = 2\n"}, ("ruff",)),
    "ruff_old_table": ({".ruff.toml": "[isort]\nfrom-first = true\ncase-sensitive = true\n"}, ("ruff",)),
    "isort_black_setup_cfg": ({"setup.cfg": "[isort]\nprofile = black\n"}, ("isort",)),
    "isort_google": ({".isort.cfg": "[settings]\nprofile = google\n"}, ("isort",)),
    "isort_open_stack_tox": ({"tox.ini": "[isort]\nprofile = open_stack\n"}, ("isort",)),
    "isort_grid_short": ({"pyproject.toml": "[tool.isort]\nline_length = 50\nknown_first_party = [\"mypkg\"]\n"},
                         ("isort",)),
    # black formats, isort (defaults) sorts: a long import wraps the way black leaves it
    "black_only": ({"pyproject.toml": "[tool.black]\nline-length = 70\n"}, ("black",)),
    "isort_single_line": ({"pyproject.toml": "[tool.isort]\nforce_single_line = true\nlines_after_imports = 2\n"},
                          ("isort",)),
    # OpenStack's hacking: H306 (alphabetical import lines), H301 (one import per line)
    "hacking": ({"tox.ini": "[flake8]\nselect = H\n"}, ("hacking",)),
    "hacking_multiple_names": ({"tox.ini": "[flake8]\nselect = H\nignore = H301\n"}, ("hacking",)),
}


def _apply(source: str, needed: Sequence[NeededImport], project: Path) -> str:
    path = project / "module.py"
    module = cst.parse_module(source)
    body = add_imports(module.body, needed, import_settings(str(path)), str(path))
    return module.with_changes(body=body).code


def _project(tmp_path: Path, files: Dict[str, str]) -> Path:
    project = tmp_path / "project"
    (project / "mypkg").mkdir(parents=True)
    (project / "mypkg" / "__init__.py").write_text("")
    (project / "mypkg" / "models.py").write_text("class User:\n    pass\n")
    (project / ".git").mkdir()  # the sorters stop looking for configuration here
    for name, text in files.items():
        (project / name).write_text(text)
    return project


E30_W29 = "E301,E302,E303,E304,E305,E306,W291,W292,W293,W391"


def _ruff(project: Path, names: Sequence[str], select: str, *extra: str) -> Dict[str, List[str]]:
    """The codes ruff reports, by file name."""
    isolated = [] if any((project / n).exists() for n in ("pyproject.toml", "ruff.toml", ".ruff.toml")) else ["--isolated"]
    run = subprocess.run([RUFF, "check", *isolated, "--select", select, "--output-format", "json", *extra, *names],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    found: Dict[str, List[str]] = {name: [] for name in names}
    for diagnostic in json.loads(run.stdout):
        found[os.path.basename(diagnostic["filename"])].append(diagnostic["code"])
    return {name: sorted(codes) for name, codes in found.items()}


def _isort(project: Path, names: Sequence[str], *options: str) -> Dict[str, bool]:
    """Whether isort accepts each file as it is."""
    run = subprocess.run([ISORT, "--check-only", "--settings-path", str(project), *options, *names],
                         cwd=project, capture_output=True, text=True)
    wrong = {os.path.basename(line.split(" Imports are incorrectly sorted")[0].split("ERROR: ", 1)[-1])
             for line in run.stderr.splitlines() if "incorrectly sorted" in line}
    return {name: name not in wrong for name in names}


BLACK = ("--profile", "black", "--line-length", "70")


def _formatted(project: Path, names: Sequence[str]) -> bool:
    """ruff format (black's style) leaves the files as they are."""
    return subprocess.run([RUFF, "format", "--isolated", "--line-length", "70", "--check", *names], cwd=project,
                          capture_output=True, text=True).returncode == 0


def _hacking(project: Path, names: Sequence[str]) -> Dict[str, List[str]]:
    """hacking's import findings (H301, H306) by file name."""
    run = subprocess.run([FLAKE8, "--select", "H301,H306", *names], cwd=project, capture_output=True, text=True)
    found: Dict[str, List[str]] = {name: [] for name in names}
    for line in run.stdout.splitlines():
        path, _, rest = line.partition(":")
        found[os.path.basename(path)].append(rest.split(": ", 1)[-1].split(":")[0].strip())
    return found


@pytest.mark.skipif(RUFF is None or ISORT is None, reason="ruff and isort are in the test extra")
@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_sorters_accept_the_new_imports(tmp_path: Path, config: str) -> None:
    files, sorters = CONFIGS[config]
    if "hacking" in sorters and not HACKING:
        pytest.skip("flake8 with hacking is in the test extra for Python 3.10 and newer")
    project = _project(tmp_path, files)
    shapes = sorted(SOURCES)
    for shape in shapes:
        (project / f"{shape}.py").write_text(SOURCES[shape])
    shape_files = [f"{shape}.py" for shape in shapes]
    sorted_by_ruff = _ruff(project, shape_files, "I001") if "ruff" in sorters else {}
    sorted_by_isort = _isort(project, shape_files) if "isort" in sorters else {}
    by_hacking = _hacking(project, shape_files) if "hacking" in sorters else {}
    if "black" in sorters:
        sorted_by_isort = _isort(project, shape_files, *BLACK)
        sorted_by_isort = {name: ok and _formatted(project, [name]) for name, ok in sorted_by_isort.items()}
    clean = [shape for shape in shapes if not sorted_by_ruff.get(f"{shape}.py") and
             sorted_by_isort.get(f"{shape}.py", True) and not by_hacking.get(f"{shape}.py")]  # a shape the configuration itself rejects is left out
    assert len(clean) >= len(shapes) // 2, (config, sorted(set(shapes) - set(clean)))
    results: Dict[str, tuple] = {}
    for shape in clean:
        for name, needed in NEEDED.items():
            result = _apply(SOURCES[shape], needed, project)
            cst.parse_module(result)
            compile(result, "module.py", "exec")
            source = SOURCES[shape]
            kept = [line for line in source.splitlines() if line.strip() and not line.startswith(("from typing", " "))]
            assert [line for line in result.splitlines() if line in kept] == kept, result  # nothing lost or moved
            (project / f"{shape}__{name}.py").write_text(result)
            results[f"{shape}__{name}.py"] = (shape, name, result)
    names = sorted(results)
    if "ruff" in sorters:
        found = _ruff(project, names, "I001")
        for file, (shape, name, result) in results.items():
            if config == "defaults" and name == "long":
                continue  # with no configuration a long import wraps as isort does: ruff's defaults differ
            assert found[file] == [], (shape, name, result)
    if "isort" in sorters:
        accepted = _isort(project, names)
        for file, (shape, name, result) in results.items():
            if name == "aliased" and shape.startswith("typing_"):
                continue  # isort wants ``from typing import Any, Dict`` split around ``Any as AnyType``
            assert accepted[file], (shape, name, result)
    if "black" in sorters:
        accepted = _isort(project, names, *BLACK)
        for file, (shape, name, result) in results.items():
            if not (name == "aliased" and shape.startswith("typing_")):
                assert accepted[file], (shape, name, result)
            assert _formatted(project, [file]), (shape, name, result)
    if "hacking" in sorters:
        found = _hacking(project, names)
        for file, (shape, name, result) in results.items():
            assert found[file] == [], (shape, name, result)
    before = _ruff(project, [f"{shape}.py" for shape in clean], E30_W29, "--preview")
    after = _ruff(project, names, E30_W29, "--preview")
    for file, (shape, name, result) in results.items():
        assert after[file] == before[f"{shape}.py"], (shape, name, result)


def test_never_above_the_docstring_header_or_future_import(tmp_path: Path) -> None:
    project = _project(tmp_path, {})
    result = _apply(SOURCES["header"], NEEDED["typing"], project)
    assert result.startswith("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Copyright notice\n# spanning lines\n")
    result = _apply(SOURCES["licence_after_docstring"], NEEDED["typing"], project)
    assert result.startswith('"""Doc."""\n\n# Copyright 2020\n# Licence\n\nfrom typing import')
    result = _apply(SOURCES["future"], NEEDED["typing"], project)
    assert result.startswith('"""Doc."""\n\nfrom __future__ import annotations\n\nfrom typing import')


def test_merges_into_the_existing_typing_import(tmp_path: Path) -> None:
    project = _project(tmp_path, {})
    result = _apply(SOURCES["typing_present"], NEEDED["typing"], project)
    assert "from typing import TYPE_CHECKING, Any, Dict, List, Optional\n" in result
    assert result.count("from typing") == 1


def test_one_name_per_statement_where_the_sorter_says_so(tmp_path: Path) -> None:
    project = _project(tmp_path, CONFIGS["ruff_single_line"][0])
    source = "import os\nfrom typing import Any\nfrom typing import Dict\n\nx: Dict[str, Any] = {}\n"
    result = _apply(source, NEEDED["typing"], project)
    assert result.startswith("import os\nfrom typing import TYPE_CHECKING\nfrom typing import Any\n"
                             "from typing import Dict\nfrom typing import List\nfrom typing import Optional\n\nx")


def test_sections_from_the_configuration(tmp_path: Path) -> None:
    project = _project(tmp_path, {"pyproject.toml": '[tool.isort]\nknown_first_party = ["requests"]\n'})
    settings = import_settings(str(project / "module.py"))
    assert settings.tool == "isort" and "[tool.isort]" in settings.source
    assert settings.section_of("requests.adapters", 0, str(project / "module.py")) == FIRSTPARTY
    assert settings.section_of("mypkg", 0, str(project / "module.py")) == FIRSTPARTY  # found in the project root
    assert settings.section_of("json", 0, None) == STDLIB
    assert settings.section_of("sqlalchemy", 0, None) == THIRDPARTY
    assert import_settings(str(project / "module.py"), isolated=True).tool == "default"


def test_hacking_is_read_from_flake8_settings(tmp_path: Path) -> None:
    project = _project(tmp_path, {"tox.ini": "[flake8]\nselect = H\nignore = H301,H404\n",
                                  "pyproject.toml": "[tool.ruff]\nline-length = 79\n"})
    settings = import_settings(str(project / "module.py"))
    assert (settings.tool, settings.force_single_line, settings.line_length) == ("hacking", False, 79)
    other = _project(tmp_path / "other", {"setup.cfg": "[flake8]\nshow-source = true\n[hacking]\nlocal-check = x\n"})
    settings = import_settings(str(other / "module.py"))
    assert (settings.tool, settings.force_single_line, settings.force_sort_within_sections) == ("hacking", True, True)


def test_a_changed_sorter_configuration_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    project = _project(tmp_path, {"pyproject.toml": "[tool.ruff]\n"})
    (project / "module.py").write_text("from typing import Any\n\n\ndef f(a: Any):\n    yield 1\n")
    merged = run_cli("check", "--select", "type-hints", "module.py", cwd=str(project)).stdout.decode()
    assert "+from typing import Any, Iterator\n" in merged, merged
    (project / "pyproject.toml").write_text("[tool.ruff.lint.isort]\nforce-single-line = true\n")
    single = run_cli("check", "--select", "type-hints", "module.py", cwd=str(project)).stdout.decode()
    assert " from typing import Any\n+from typing import Iterator\n" in single, single
    assert (project / ".codemods_cache").is_dir()


@pytest.mark.skipif(RUFF is None, reason="ruff is in the test extra")
def test_the_gap_after_an_existing_block_stays(tmp_path: Path) -> None:
    """Two blank lines before a comment block and a def (pycodestyle's E302 counts
    them): ruff's isort would want one, pycodestyle two; an import appended to the
    block leaves the project's choice alone."""
    project = _project(tmp_path, {})
    source = '"""Doc."""\n\nimport os\n\n\n# Comparisons\n\ndef lt(a, b):\n    return os\n'
    result = _apply(source, NEEDED["typing"], project)
    assert result == source.replace("import os\n", "import os\nfrom typing import TYPE_CHECKING, List, Optional\n")
    (project / "before.py").write_text(source)
    (project / "after.py").write_text(result)
    found = _ruff(project, ["before.py", "after.py"], E30_W29, "--preview")
    assert found["after.py"] == found["before.py"]
