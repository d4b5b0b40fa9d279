"""Run code before and after ``naming`` and compare what it computes."""

from __future__ import annotations

import textwrap

import pytest

from tests.helpers import rewrite

PROGRAMS = {
    "closures_and_formats": """\
        counterValue = [0]

        def _makeCounter(startAt=0):
            currentValue = startAt
            def bumpIt(stepSize=1):
                nonlocal currentValue
                currentValue += stepSize
                return currentValue
            return bumpIt

        def _render(rowData, padWidth=8):
            cellText = ",".join(f"{cellValue:>{padWidth}}" for cellValue in rowData)
            return f"[{cellText!s}]"

        def main():
            counterFn = _makeCounter(startAt=3)
            counterFn(); counterFn(stepSize=5)
            return _render([counterFn(), 2], padWidth=3), sorted([3, 1, 2], key=lambda itemV: -itemV)
    """,
    "globals_and_classes": """\
        _totalSeen = 0

        class _event_log:
            def __init__(self):
                self.items = []

        def _track(eventName, logObj: "_event_log"):
            global _totalSeen
            _totalSeen += 1
            logObj.items.append((eventName, _totalSeen))
            return logObj

        def main():
            logHolder = _event_log()
            for eventNo in range(3):
                _track(eventName=f"e{eventNo}", logObj=logHolder)
            return logHolder.items, type(logHolder) is _event_log
    """,
    "local_lambdas": """\
        def main():
            addOne = lambda inputValue, stepBy=1: inputValue + stepBy
            pickKey = lambda keyName: keyName  # called with a keyword: stays
            return [addOne(n) for n in range(3)], addOne(*[1, 2]), pickKey(keyName="k")
    """,
    "dynamic_names_kept": """\
        def main():
            userName = "ada"
            greetingText = "%(userName)s!" % locals()
            return greetingText, eval("userName")
    """,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("unsafe", [False, True])
def test_same_results(name: str, unsafe: bool) -> None:
    source = textwrap.dedent(PROGRAMS[name])
    changed = rewrite("naming", source, unsafe_fixes=unsafe)
    before, after = {}, {}
    exec(compile(source, "before.py", "exec"), before)
    exec(compile(changed, "after.py", "exec"), after)
    assert after["main"]() == before["main"]()
    if name != "dynamic_names_kept":
        assert changed != source


def test_keep_alias_output_is_final() -> None:
    from tests.helpers import run_codemod

    source = "def loadConfig(pathName):\n    return pathName\n"
    first = run_codemod("naming", source, {"keep-alias": True}, unsafe_fixes=True)
    assert "loadConfig = load_config" in first.new_text
    again = run_codemod("naming", first.new_text, {"keep-alias": True}, unsafe_fixes=True)
    assert again.new_text is None and not again.findings
    namespace: dict = {}
    exec(first.new_text, namespace)
    assert namespace["loadConfig"]("x") == namespace["load_config"]("x") == "x"


def test_public_module_variable_stays_settable_from_outside() -> None:
    source = textwrap.dedent("""\
        __all__ = ["render"]
        logThreads = True

        def render(text):
            return _formatText(text) if logThreads else text

        def _formatText(rawText):
            return rawText.upper()
    """)
    changed = rewrite("naming", source)
    assert "_format_text" in changed and "logThreads = True" in changed
    namespace: dict = {}
    exec(compile(changed, "after.py", "exec"), namespace)
    assert namespace["render"]("a") == "A"
    namespace["logThreads"] = False  # what ``module.logThreads = False`` elsewhere does
    assert namespace["render"]("a") == "a"
