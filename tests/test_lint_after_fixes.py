"""Fixes pass the project's own import sorter and blank-line rules, checked with the
real ruff (and isort): ``I001`` (import order), ``E301``-``E306`` (blank lines),
``W291``/``W292``/``W293``/``W391`` (trailing whitespace, end of file).

* every case (``tests/cases/<id>/<name>.in.py`` against its ``.out.py``) and the
  bundled example: no file has more of any of these findings after the fix than
  before (ruff's defaults: no case carries sorter settings);
* a small ruff-formatted project sorted by ruff with ``force-single-line``:
  ``ruff check --select I`` stays clean after ``codemod apply --select ALL``, and the
  blank-line counts do not grow;
* a project sorted by isort with ``profile = black`` in setup.cfg: ``isort --check``
  stays clean.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import pytest

from tests.helpers import REPO, run_cli

BIN = os.path.dirname(sys.executable)
RUFF = shutil.which("ruff", path=BIN)
ISORT = shutil.which("isort", path=BIN)
CASES = Path(REPO) / "tests" / "cases"
CODES = "I001,E301,E302,E303,E304,E305,E306,W291,W292,W293,W391"

pytestmark = pytest.mark.skipif(RUFF is None, reason="ruff is in the test extra")


def _counts(paths: Sequence[Path], cwd: Path, isolated: bool = True) -> Dict[Path, collections.Counter]:
    """Findings per file and code (E30x are preview rules in ruff)."""
    run = subprocess.run([RUFF, "check", *(["--isolated"] if isolated else []), "--preview", "--no-cache",
                          "--select", CODES, "--output-format", "json", "--exit-zero", *map(str, paths)],
                         capture_output=True, text=True, cwd=cwd, check=True)
    counts: Dict[Path, collections.Counter] = collections.defaultdict(collections.Counter)
    for finding in json.loads(run.stdout):
        counts[Path(finding["filename"]).resolve()][finding["code"]] += 1
    return counts


def _added(before: collections.Counter, after: collections.Counter) -> Dict[str, int]:
    return {code: after[code] - before[code] for code in after if after[code] > before[code]}


def test_no_case_gains_import_order_or_blank_line_findings(tmp_path: Path) -> None:
    pairs = []
    for source in sorted(CASES.glob("*/*.in.py")):
        expected = source.with_name(source.name[: -len(".in.py")] + ".out.py")
        if expected.exists():
            # the same file name for both: ruff decides first-party by it
            folder = tmp_path / source.parent.name / source.name[: -len(".in.py")]
            (folder / "in").mkdir(parents=True)
            (folder / "out").mkdir()
            shutil.copyfile(source, folder / "in" / "case.py")
            shutil.copyfile(expected, folder / "out" / "case.py")
            pairs.append((source, folder))
    assert len(pairs) > 100
    counts = _counts([tmp_path], tmp_path)
    added = {}
    for source, folder in pairs:
        gained = _added(counts[(folder / "in" / "case.py").resolve()], counts[(folder / "out" / "case.py").resolve()])
        if gained:
            added[str(source.relative_to(CASES))] = gained
    assert added == {}


def test_the_bundled_example_gains_none(tmp_path: Path) -> None:
    before = tmp_path / "before"
    after = tmp_path / "after"
    shutil.copytree(Path(REPO) / "examples", before)
    shutil.copytree(before, after)
    run = run_cli("apply", "--select", "ALL", "--no-cache", ".", cwd=str(after))
    assert run.returncode == 0, run.stderr
    counts = _counts([before, after], tmp_path)
    changed = 0
    for path in sorted(before.glob("*.py")):
        other = after / path.name
        changed += path.read_bytes() != other.read_bytes()
        assert _added(counts[path.resolve()], counts[other.resolve()]) == {}, path.name
    assert changed  # the example has things to fix


# --- end to end: small projects with their own sorter settings ----------------------------------

MODELS = '''"""Rows of the orders table."""

import dataclasses
from typing import Optional


@dataclasses.dataclass
class Order:
    """One order."""

    id: int
    status: Optional[str] = None


def fromRow(row):
    return Order(row[0], row[1])
'''

STORE = '''"""Queries."""

import os
import sys

from sqlalchemy import text

from shop.models import fromRow


def find(conn, ids):
    rows = conn.execute(text("SELECT id, status FROM orders WHERE id IN (" + ", ".join(ids) + ")"))
    return [fromRow(row) for row in rows]


def count(conn, status):
    result = conn.execute(text("SELECT count(*) FROM orders WHERE status = '" + status + "'"))
    unused = 1
    return result.scalar()


def describe(order):
    def label(value):
        return str(value)

    return label(order.id) + (sys.argv[0] if order.status is None else order.status)
'''

CLI = '''import argparse


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", default=10)
    return parser.parse_args(argv)
'''


def _project(root: Path, config: Dict[str, str]) -> Path:
    package = root / "shop"
    package.mkdir(parents=True)
    (root / ".git").mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(MODELS)
    (package / "store.py").write_text(STORE)
    (package / "cli.py").write_text(CLI)
    for name, text in config.items():
        (root / name).write_text(text)
    return root


def _apply_all(root: Path) -> List[Path]:
    files = sorted(root.rglob("*.py"))
    before = {path: path.read_bytes() for path in files}
    # dead-code with --unsafe-fixes would remove the sample's unused public functions,
    # and with them the fixes whose imports are measured here
    run = run_cli("apply", "--select", "ALL", "--ignore", "dead-code", "--unsafe-fixes", "--no-cache", ".",
                  cwd=str(root))
    assert run.returncode == 0, run.stderr
    changed = [path for path in files if path.read_bytes() != before[path]]
    assert len(changed) == 3, changed
    return changed


def _ruff_clean(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([RUFF, *args], cwd=root, capture_output=True, text=True)


def test_ruff_isort_force_single_line_project_stays_sorted(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop", {"pyproject.toml": (
        '[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 120\n\n[tool.ruff.lint]\nselect = ["I", "E", "W"]\n'
        '\n[tool.ruff.lint.isort]\nforce-single-line = true\nknown-first-party = ["shop"]\n')})
    files = sorted(root.rglob("*.py"))
    assert _ruff_clean(root, "check", "--no-cache", "--select", "I", ".").returncode == 0
    assert _ruff_clean(root, "format", "--no-cache", "--check", ".").returncode == 0
    copy = tmp_path / "before"
    shutil.copytree(root, copy)
    changed = _apply_all(root)
    store = (root / "shop" / "store.py").read_text()
    assert "from sqlalchemy import bindparam\nfrom sqlalchemy import text\n" in store  # one name per line
    assert "from typing import Any\n" in store
    check = _ruff_clean(root, "check", "--no-cache", "--select", "I", ".")
    assert check.returncode == 0, check.stdout + "".join(path.read_text() for path in changed)
    counts = _counts([copy, root], tmp_path, isolated=False)
    for path in files:
        before = counts[(copy / path.relative_to(root)).resolve()]
        assert _added(before, counts[path.resolve()]) == {}, (path, path.read_text())


@pytest.mark.skipif(ISORT is None, reason="isort is in the test extra")
def test_isort_black_profile_project_stays_sorted(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop", {"setup.cfg": "[metadata]\nname = shop\n\n[isort]\nprofile = black\n"})
    isort = [ISORT, "--check-only", "--diff", "--settings-path", str(root), "."]
    assert subprocess.run(isort, cwd=root, capture_output=True, text=True).returncode == 0
    copy = tmp_path / "before"
    shutil.copytree(root, copy)
    _apply_all(root)
    store = (root / "shop" / "store.py").read_text()
    assert "from sqlalchemy import bindparam, text\n" in store
    run = subprocess.run(isort, cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    counts = _counts([copy, root], tmp_path)
    for path in sorted(root.rglob("*.py")):
        before = counts[(copy / path.relative_to(root)).resolve()]
        assert _added(before, counts[path.resolve()]) == {}, (path, path.read_text())
