"""unused-variables and the values it drops, tested by running the code: constant
expressions CPython folds go (the function returns the same), those it does not
fold stay; with --unsafe-fixes an unread binding whose value runs no code of the
program goes with its value (its effects too: that is what makes it unsafe)."""

from __future__ import annotations

import time

import pytest

from tests.helpers import rewrite, run_codemod


def _function(source: str, name: str = "f"):
    namespace: dict = {}
    exec(compile(source, "<case>", "exec"), namespace)
    return namespace[name]


FOLDED = "def f(n):\n    seconds = 60 * 60 * 24\n    ruler = '-' * 40\n    size = 2 ** 8\n    return n + 1\n"


def test_folded_constants_go_and_the_function_returns_the_same() -> None:
    after = rewrite("unused-variables", FOLDED)
    assert after == "def f(n):\n    return n + 1\n"
    assert [_function(after)(n) for n in range(3)] == [_function(FOLDED)(n) for n in range(3)]


@pytest.mark.parametrize("value", ["1 / 0", "'a' + 1", "'a' * 10**10", "2 ** 10**8", "10.0 ** 400", "1 << 10**9",
                                   "(1,) * 10**6"])
def test_what_does_not_fold_stays_and_costs_no_time(value: str) -> None:
    source = f"def f():\n    x = {value}\n    return 0\n"
    started = time.perf_counter()
    result = run_codemod("unused-variables", source)
    assert time.perf_counter() - started < 5
    assert result.new_text is None and not result.errors
    assert [f.message for f in result.findings] == [
        ("`x` is never read, but evaluating its value may have effects "
         "(attribute or item access, an operator, a name that may be unbound)")]


UNSAFE = ("def f(n, mapping, key):\n    tmp = n * 2\n    item = mapping[key]\n    return n + 1\n")


def test_unsafe_fixes_delete_a_value_that_runs_no_code() -> None:
    assert rewrite("unused-variables", UNSAFE) == UNSAFE  # reported without the opt-in
    after = rewrite("unused-variables", UNSAFE, unsafe_fixes=True)
    assert after == "def f(n, mapping, key):\n    return n + 1\n"
    result = run_codemod("unused-variables", UNSAFE, unsafe_fixes=True)
    assert [f.safe for f in result.fixes] == [False, False]
    before, fixed = _function(UNSAFE), _function(after)
    assert fixed(3, {"k": 1}, "k") == before(3, {"k": 1}, "k") == 4
    # the documented unsafety: the KeyError of the dropped lookup no longer happens
    with pytest.raises(KeyError):
        before(3, {}, "k")
    assert fixed(3, {}, "k") == 4


def test_unsafe_fixes_keep_a_value_that_calls() -> None:
    source = "def f(n, g):\n    called = g(n) * 2\n    return n\n"
    result = run_codemod("unused-variables", source, unsafe_fixes=True)
    assert result.new_text is None
    calls = []
    assert _function(source)(2, lambda n: calls.append(n) or n) == 2 and calls == [2]
