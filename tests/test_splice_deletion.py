"""Whole-statement deletions as text splices give what libcst gives, byte for byte.

Every case input of every codemod (as it is, and with CRLF line breaks and no final
newline), the examples below (also without their final newline, with CRLF and with lone
CR line breaks) and a sample of the standard library go
through every pattern of ``tests/splice_deletion_oracle`` (every import, first/last/
middle line of each block, every statement, ``;`` lines, commented lines, ...). A
result of None is allowed (the libcst path decides); a different text is not.
"""

from __future__ import annotations

import ast
import glob
import os
import subprocess
import sys

import pytest

from tests.helpers import REPO, stdlib_sample
from tests.splice_deletion_oracle import compare, first_difference


EXAMPLES = {
    "module-first": "import os\nx = 1\n",
    "header-blank": "# c\n\nimport os\n\n\nx = 1\n",
    "header-comment": "# c\nimport os\n\nx = 1\n",
    "comment-to-footer": "def f():\n    a = 1\n    # about b\n    b = 2\n    # footer\n",
    "blank-runs": "def f():\n    a = 1\n\n    # about b\n\n    b = 2\n\n\n    c = 3\n",
    "suites": "if x: import os\nif y: a; b\nif z: a;  # c\nif w: a ;  b;  # c\n",
    "semicolons": "a; b; c\nd = 1; e = 2;  # c\nf = 1 ; g = 2\n",
    "no-final-newline": "x = 1\ny = 2",
    "crlf": "x = 1\r\n\r\n# c\r\ny = 2\r\n",
    "lone-cr": "x = 1\ry = 2\r\n",
    "footers": "if a:\n    if b:\n        x = 1\n        # inner\n    # outer\n# mod\n    y = 2\nz = 3\n",
    "class": "class A:\n    x = 1\n\n    # c\n\n    def f(self):\n        pass\n\n\n# end\ny = 1\n",
    "alone": "import os\n",
    "alone-header": "# header\nimport os\n",
    "try": "try:\n    import a\nexcept ImportError:\n    a = None\nelse:\n    b = 1\nfinally:\n    c = 2\n",
    "elif": "if a:\n    x = 1\nelif b:\n    y = 2\n    # c\nelse:\n    z = 3\nw = 4\n",
    "less-indented-comment": "def f():\n    x = 1\n# low\n    y = 2\n  # mid\n    z = 3\nq = 1\n",
    "trailing-comments": "import os  # why\nimport sys  # noqa\n\n# end\n",
    "backslash": "x = 1 + \\\n    2\ny = 3\nz = \\\n 4\n",
    "multiline": "x = (\n    1,\n    # inside\n)\ny = '''\n# not a comment\n'''\nz = 1\n",
    "decorated": "import functools\n\n# why\n@functools.cache\ndef f():\n    import os\n    return 1\n",
    "tabs": "if a:\n\tx = 1\n\t# c\n\ty = 2\n",
    "form-feed": "x = 1\n\f\n# c\ny = 2\n",
    "whitespace-last-line": "x = 1\n   ",
    "comment-last-line": "x = 1\n# c",
    "match": "match x:\n    case 1:\n        a = 1\n        # c\n    case _:\n        b = 2\n",
    "nested-end": "def f():\n    if a:\n        x = 1\n\n        # c\n\n    # d\n\n# e\n",
}


def _check(text: str, path: str) -> None:
    outcome = compare(text, path)
    assert not outcome.differences, "\n".join(
        f"[{name}] {first_difference(expected, got)}" for _, name, expected, got in outcome.differences)


def _variants(text: str):
    yield "", text
    if text.endswith("\n") and not text.endswith("\\\n"):
        yield "-no-final-newline", text[:-1]
    if "\r" not in text:
        yield "-crlf", text.replace("\n", "\r\n")
        yield "-cr", text.replace("\n", "\r") + "\n"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples(name):
    for suffix, text in _variants(EXAMPLES[name]):
        _check(text, name + suffix)


def _case_inputs():
    return sorted(glob.glob(os.path.join(REPO, "tests", "cases", "*", "*.in.py")))


@pytest.mark.parametrize("path", _case_inputs(), ids=lambda p: os.path.relpath(p, os.path.join(REPO, "tests", "cases")))
def test_case_inputs(path):
    with open(path, encoding="utf-8", newline="") as handle:
        original = handle.read()
    try:
        ast.parse(original)
    except SyntaxError:
        pytest.skip("not Python this interpreter parses")
    _check(original, path)
    if original.endswith("\n") and "\r" not in original:  # CRLF and no final newline at once
        _check(original.replace("\n", "\r\n")[:-2], path + "-crlf-no-final-newline")


def _stdlib_sample():
    """A deterministic few seconds' worth of the standard library."""
    return stdlib_sample(step=120, max_bytes=20_000)



def test_stdlib_sample():
    for path in _stdlib_sample():
        with open(path, "rb") as handle:
            try:
                text = handle.read().decode("utf-8")
                ast.parse(text)
            except (UnicodeDecodeError, SyntaxError):
                continue
        _check(text, path)


def test_deletions_never_import_libcst():
    code = ("import ast, sys\n"
            "from codemods.splice.apply import apply_edits\n"
            "from codemods.splice.plan import Edit, SpliceSource\n"
            "from codemods.splice.positions import LineIndex\n"
            "text = 'import os\\nimport sys\\n\\nprint(sys)\\n'\n"
            "tree = ast.parse(text)\n"
            "new = apply_edits(SpliceSource(text, tree, LineIndex(text)), [Edit('delete', tree.body[0])])\n"
            "assert new == 'import sys\\n\\nprint(sys)\\n', repr(new)\n"
            "assert 'libcst' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
