"""Partial edits spliced as text (``codemods.splice.partial``) give what libcst gives.

The examples say what each edit kind does to the awkward shapes; the sweeps hold every
sampled edit of the case inputs and of a fixed sample of the standard library against a
libcst transformer over the whole module (``tests/splice_oracle.py``).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.splice.partial import replacement_for
from codemods.splice.plan import Edit, SpliceSource
from codemods.splice.positions import LineIndex
from tests.helpers import stdlib_sample
from tests.splice_oracle import compare, splice

CASES = Path(__file__).parent / "cases"
#: one file in this many of the standard library's smaller files (sorted paths) takes
#: part: libcst's pass per group of edits is what costs (scripts/splice_partial_equivalence.py
#: runs the whole tree)
STDLIB_STEP = 40
STDLIB_MAX_BYTES = 15_000


def _first(tree: ast.Module, kind: type, index: int = 0):
    return [n for n in ast.walk(tree) if isinstance(n, kind)][index]


def _with_item(tree: ast.Module, index: int = 0):
    return [i for n in ast.walk(tree) if isinstance(n, ast.With) for i in n.items][index]


# (before, how to find the edit, after)
EXAMPLES = [
    ("import os, sys\n", lambda t: Edit("drop-names", _first(t, ast.Import), (False, True)), "import sys\n"),
    ("import os, sys  # c\n", lambda t: Edit("drop-names", _first(t, ast.Import), (True, False)), "import os  # c\n"),
    ("from m import a, b, c\n", lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False, True)),
     "from m import a, c\n"),
    ("from m import (a, b, )\n", lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False)),
     "from m import (a, )\n"),
    ("from m import (a, b)\n", lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False)),
     "from m import (a)\n"),
    # one name per line: the kept line keeps its comment, the ``)`` line stays
    ("from m import (\n    a,  # ca\n    b,  # cb\n)\n",
     lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False)), "from m import (\n    a,  # ca\n)\n"),
    ("from m import (\n    a,  # ca\n    b,  # cb\n)\n",
     lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (False, True)), "from m import (\n    b,  # cb\n)\n"),
    ("from m import (a,  # ca\n               b)\n",
     lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False)), "from m import (a,  # ca\n)\n"),
    ("from m import (a,\n    b\n    )\n",
     lambda t: Edit("drop-names", _first(t, ast.ImportFrom), (True, False)), "from m import (a,\n    )\n"),
    ("def f():\n    x = (g())  # c\n",
     lambda t: Edit("to-expression", _first(t, ast.Assign)), "def f():\n    (g())  # c\n"),
    ("def f():\n    x: int = g(); y = 1\n",
     lambda t: Edit("to-expression", _first(t, ast.AnnAssign)), "def f():\n    g(); y = 1\n"),
    ("a = (b) = c = g()\n", lambda t: Edit("drop-targets", _first(t, ast.Assign), (False, True, False)),
     "a = c = g()\n"),
    ("a = (b) = c = g()\n", lambda t: Edit("drop-targets", _first(t, ast.Assign), (True, False, False)),
     "(b) = c = g()\n"),
    ("try:\n    pass\nexcept (A, B) as error :\n    pass\n",
     lambda t: Edit("drop-handler-name", _first(t, ast.ExceptHandler)), "try:\n    pass\nexcept (A, B) :\n    pass\n"),
    ("with (a) as (b), c as d:\n    pass\n", lambda t: Edit("drop-with-name", _with_item(t)),
     "with (a), c as d:\n    pass\n"),
    ("with (\n    a as b,  # c\n):\n    pass\n", lambda t: Edit("drop-with-name", _with_item(t)),
     "with (\n    a,  # c\n):\n    pass\n"),
    ("for k, (v) in items:\n    pass\n", lambda t: Edit("rename", _first(t, ast.Name, 2)),
     "for k, (_) in items:\n    pass\n"),
]


@pytest.mark.parametrize("before, find, after", EXAMPLES)
def test_example(before, find, after):
    tree = ast.parse(before)
    edit = find(tree)
    replacement = replacement_for(SpliceSource(before, tree, LineIndex(before)), edit)
    assert replacement is not None
    assert splice(before, [replacement]) == after
    outcome = compare(before, edits=[edit])
    assert not outcome.differences, outcome.differences[0][3:]


@pytest.mark.parametrize("source, flags", [
    ("import a, \\\n    b\n", (True, False)),  # where libcst keeps the backslash: not modelled
])
def test_not_sure(source, flags):
    tree = ast.parse(source)
    edit = Edit("drop-names", tree.body[0], flags)
    assert replacement_for(SpliceSource(source, tree, LineIndex(source)), edit) is None


def _assert_same(paths):
    outcome = None
    for path in paths:
        outcome = compare(path.read_text(encoding="utf-8"), str(path), outcome)
    assert outcome is not None
    differences = [f"{path}:{line} {kind}" for path, kind, line, _, _ in outcome.differences]
    assert not differences, differences
    return outcome


def test_case_inputs():
    outcome = _assert_same(p for p in sorted(CASES.glob("*/*.in.py")) if "py312" not in p.name)
    assert sum(c["identical"] for c in outcome.counts.values()) > 500


def test_stdlib_sample():
    files = [Path(p) for p in stdlib_sample(step=STDLIB_STEP, max_bytes=STDLIB_MAX_BYTES)]
    outcome = _assert_same(p for p in files if _parses(p))
    assert set(outcome.counts) == {"drop-names", "to-expression", "drop-targets", "drop-handler-name",
                                   "drop-with-name", "rename"}


def _parses(path: Path) -> bool:
    try:
        ast.parse(path.read_text(encoding="utf-8"))
        return True
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return False


def test_no_libcst():
    """Splicing every kind of partial edit never imports libcst."""
    shapes = "\n".join(before for before, _, _ in EXAMPLES)
    script = (
        "import ast, sys\n"
        "from codemods.splice.partial import replacement_for\n"
        "from codemods.splice.plan import SpliceSource\n"
        "from codemods.splice.positions import LineIndex\n"
        "from tests.splice_samples import sample_edits\n"
        "text = sys.stdin.read()\n"
        "tree = ast.parse(text)\n"
        "source = SpliceSource(text, tree, LineIndex(text))\n"
        "edits = sample_edits(tree)\n"
        "assert len({e.kind for e in edits}) == 6 and all(replacement_for(source, e) for e in edits)\n"
        "assert 'libcst' not in sys.modules\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = subprocess.run([sys.executable, "-c", script], input=shapes, cwd=root, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
