"""The ``ast`` plan of ``unused-variables`` decides exactly as its libcst rewriter:
the same fixes and findings (order included) and edits that are the rewriter's
changes, on every case input, without and with --unsafe-fixes, from the ast usage
analysis and from libcst's (tests/usage_bridge.py: the plan's own differences)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.helpers import stdlib_sample
from tests.test_cases import CASES, _settings
from tests.variables_plan_compare import compare, compare_both, plan_decisions



def _inputs():
    for source in sorted(CASES.glob("*/*.in.py")):
        yield pytest.param(source, id=f"{source.parent.name}/{source.name[:-len('.in.py')]}")


def _assert_same(outcomes, allowed_fallbacks=()):
    for unsafe, (status, detail) in zip((False, True), outcomes):
        assert status != "different", f"unsafe={unsafe}: {detail}"
        if status == "fallback":
            assert detail in allowed_fallbacks, detail


def _inputs_and_analyses():
    """Every case input from the ast usage analysis; the unused-variables cases also
    from libcst's (the plan's own differences; the script's --bridged does all)."""
    for param in _inputs():
        source = param.values[0]
        yield pytest.param(source, False, id=param.id + "-ast-usage")
        if source.parent.name == "unused-variables":
            yield pytest.param(source, True, id=param.id + "-libcst-usage")


@pytest.mark.parametrize("source,bridged", list(_inputs_and_analyses()))
def test_every_case_input_gets_the_rewriters_decisions(source: Path, bridged: bool) -> None:
    case = _settings(source)
    min_version = case.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    options = case.get("options", {}) if source.parent.name == "unused-variables" else {}
    _assert_same(compare_both(source.read_text(encoding="utf-8"), options, bridged=bridged),
                 allowed_fallbacks=("a name spelled in a non-NFKC form",))


def _stdlib_sample():
    return [Path(p) for p in stdlib_sample(step=60, max_bytes=12_000, limit=15)]


@pytest.mark.parametrize("path", _stdlib_sample(), ids=lambda p: p.name)
def test_a_stdlib_sample_gets_the_rewriters_decisions(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
        ast.parse(text)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        pytest.skip("not Python 3.11 source")
    for status, detail in compare_both(text):
        assert status != "different", detail


@pytest.mark.parametrize("code", [
    # an f-string without fields is pure alone, not concatenated (ast merges them)
    'def f():\n    x = f"a"\n    y = "a" f"b"\n    z = f"a" \'b\'\n',
    # the defaults of positional-only parameters are not looked at (libcst's params)
    "def f():\n    g = lambda a=h(), /: a\n    k = lambda a=h(): a\n",
    # constant folding, on the code as written
    "def f():\n    a = (60 *\n         60)\n    b = 1 / 0\n    c = -1\n    d = not 1\n    e = (1, 2) + (3,)\n",
    # names certainly bound, or not
    "import os\ndef f(p):\n    a = p\n    b = os\n    c = len\n    if p:\n        q = 1\n        r = q\n    s = q\n",
    # post-order: the handler after its body, a loop's renames after its body
    "def f():\n    for a, b in g():\n        x = 1\n    try:\n        y = 2\n    except E as e:\n        z = 3\n",
    # chained assignments, with statements, annotations, suppressions
    "def f():\n    a = b = g()\n    with h() as c, k() as (d, e):\n        pass\n    m: int = g()\n"
    "    n = 1  # noqa\n    return b\n",
    # released names, lifetime-bound calls, effects
    "def f(d):\n    a = g()\n    a = None\n    b = open('x')\n    c = d['k']\n    e = d.k + g()\n",
])
@pytest.mark.parametrize("unsafe", [False, True])
def test_shapes(code: str, unsafe: bool) -> None:
    status, detail = compare(code, unsafe=unsafe)
    assert status == "identical", detail


def test_a_parenthesized_with_item_goes_to_libcst() -> None:
    fallback, _ = plan_decisions("def f():\n    with (open('x')) as unused:\n        pass\n")
    assert fallback == "a parenthesized with item"


def test_a_bad_dummy_pattern_goes_to_libcst() -> None:
    fallback, _ = plan_decisions("def f():\n    x = 1\n", {"dummy-variable-pattern": "("})
    assert fallback is not None
