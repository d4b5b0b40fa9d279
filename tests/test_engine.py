"""Engine details that the cases cannot show directly."""

from __future__ import annotations

from codemods.contract import Finding
from codemods.engine import _moved
from tests.helpers import run_codemod


def _at(line: int) -> Finding:
    return Finding("x", line, 1, "m")


def test_findings_follow_inserted_removed_and_rewritten_lines() -> None:
    old = "a\nb\nc\nd\ne\n"
    new = "a\ninserted\nb\nC\nd\n"  # one line in, c rewritten in place, e removed
    moved = [f.line for f in _moved([_at(1), _at(2), _at(3), _at(4), _at(5)], old, new)]
    assert moved == [1, 3, 4, 5, 6]


def test_findings_of_a_one_pass_codemod_point_into_the_final_text() -> None:
    # naming reports the clash on the line of maxValue; unused-variables then removes
    # two lines above it, and the finding must follow it there
    source = ("def f(rows):\n"
              "    unused = 1\n"
              "    other = 2\n"
              "    max_value = 0\n"
              "    maxValue = max(rows)\n"
              "    return maxValue + max_value\n")
    from codemods.pipeline import process_source
    from tests.helpers import settings_for

    result = process_source(source.encode(), "m.py", settings_for(["naming", "unused-variables"]))
    lines = result.new_text.splitlines()
    [finding] = [f for f in result.findings if f.codemod == "naming"]
    assert lines[finding.line - 1].strip() == "maxValue = max(rows)"


def test_a_cascading_codemod_still_runs_until_nothing_changes() -> None:
    # removing e leaves first unread: unused-variables is not one-pass
    after = run_codemod("unused-variables", "def f():\n    first = g()\n    e = first\n    return 0\n").new_text
    assert after == "def f():\n    g()\n    return 0\n"


def test_parent_provider_agrees_with_libcst() -> None:
    import glob
    import os

    import libcst as cst
    from libcst.metadata import MetadataWrapper
    from libcst.metadata import ParentNodeProvider as LibcstParents

    from codemods.rewriters.metadata import ParentNodeProvider
    from tests.helpers import REPO

    for path in sorted(glob.glob(os.path.join(REPO, "codemods", "rewriters", "*.py")))[:8] + [
            os.path.join(REPO, "examples", "consumer_store.py")]:
        with open(path, encoding="utf-8") as handle:
            wrapper = MetadataWrapper(cst.parse_module(handle.read()), unsafe_skip_copy=True)
        ours, theirs = wrapper.resolve(ParentNodeProvider), wrapper.resolve(LibcstParents)
        assert len(ours) == len(theirs) and all(ours[node] is theirs[node] for node in theirs), path
