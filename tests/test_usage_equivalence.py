"""The ``ast`` usage analysis (``codemods.analysis.usage``) gives libcst's answers
(``codemods.cst.scope_usage``): every field, every scope, and ``scope_of`` for every
name, alias, handler, parameter and statement, on the case files and on a sample of
the standard library. ``scripts/usage_equivalence.py`` runs the same comparison on a
whole tree."""

from __future__ import annotations

import ast
import glob
import os
import subprocess
import sys
import textwrap

import pytest

from codemods.analysis.usage import analyse_usage
from tests.helpers import stdlib_sample
from tests.usage_comparison import compare_text

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(glob.glob(os.path.join(HERE, "cases", "*", "*.in.py")))
SAMPLE_SIZE = 80
SAMPLE_MAX_BYTES = 8_000  # keeps the libcst side of the test short


def _stdlib_sample():
    small = stdlib_sample(step=1, max_bytes=SAMPLE_MAX_BYTES + 1)
    return small[::max(1, len(small) // SAMPLE_SIZE)][:SAMPLE_SIZE]


def _check(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    result = compare_text(text)
    assert result.status != "different", "\n".join(result.differences)


@pytest.mark.parametrize("path", CASES, ids=[os.path.relpath(p, HERE) for p in CASES])
def test_case_files(path):
    _check(path)


@pytest.mark.parametrize("path", _stdlib_sample(), ids=lambda p: os.path.basename(p))
def test_stdlib_sample(path):
    _check(path)


SNIPPETS = {
    "decorators, defaults and annotations outside": """
        import a, b, c, d
        @a
        def f(x=b, *, y: c = 1) -> d:
            return x
    """,
    "class bodies invisible to nested scopes": """
        x = 1
        class C:
            x = 2
            def m(self):
                return x
            y = [x for _ in range(3)]
    """,
    "global and nonlocal": """
        def outer():
            v = 1
            def inner():
                nonlocal v
                v = 2
                global g
                g = 3
            return inner
    """,
    "nonlocal skips a class": """
        def outer():
            class K:
                def m(self):
                    nonlocal w
                    w = 1
            w = 0
    """,
    "walrus in a comprehension binds there (libcst)": """
        def f(items):
            return [y for x in items if (y := x)]
    """,
    "match captures are reads": """
        match p:
            case Point(x=0, y=yy) | [*rest] | {"k": v, **kw} | None:
                pass
    """,
    "dotted imports": """
        import os.path, a.b.c as d
        from . import x
        from m import (y as z)
        from __future__ import annotations
    """,
    "strings, concatenations, templates, doctests": '''
        from typing import List
        x: List["Foo" "Bar"] = []
        s = ("{a" "b}" f"{c}" "%(d)s")
        def g():
            """
            >>> g(e)
            """
        cast("Spam", 1)
        exec("h + i")
    ''',
    "comments": """
        import os  # noqa: F401
        import sys  # codemod: ignore[unused-imports]
        x = "# noqa"  # type: List[Foo]
        y = 1  # NOQA
        z = ("a"  # noqa: F401
             "b # noqa: E501")  # type: Dict[Spam]
    """,
    "frames": """
        import inspect
        def f():
            return locals()
        def g():
            return inspect.stack()
    """,
    "except, del, augmented assignment": """
        def f():
            total = 0
            try:
                pass
            except ValueError as error:
                pass
            total += 1
            del total
    """,
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets(name):
    text = textwrap.dedent(SNIPPETS[name]).lstrip("\n")
    result = compare_text(text)
    assert result.status == "same", (result.reason, result.differences)


def test_scope_of_and_bindings():
    text = "import a.b\ndef f(x):\n    y = [z for z in x]\n    return y\n"
    tree = ast.parse(text)
    usage = analyse_usage(tree, text)
    module = usage.module_scope
    function = tree.body[1]
    alias = tree.body[0].names[0]
    assert usage.scope_of(alias) is module
    (binding,) = module.assignments["a"]
    assert (binding.kind, binding.node, binding.statement) == ("import", alias, tree.body[0])
    inner = usage.scope_of(function.body[0])
    assert inner.kind == "function" and inner.node is function and inner.parent is module
    assert [b.kind for b in inner.assignments["x"]] == ["param"]
    assert usage.is_read(inner, "y") and usage.is_read(inner, "x") and not usage.is_read(module, "a")
    assert usage.unsure is None


def test_the_analysis_does_not_import_libcst():
    code = ("import ast, sys\nfrom codemods.analysis.usage import analyse_usage\n"
            "text = open(sys.argv[1]).read()\nanalyse_usage(ast.parse(text), text)\n"
            "assert 'libcst' not in sys.modules, 'libcst imported'\n")
    subprocess.run([sys.executable, "-c", code, CASES[0]], check=True, cwd=os.path.dirname(HERE))
