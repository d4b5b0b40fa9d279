"""Every codemod's own examples are tests: ``after=None`` means nothing changes."""

from __future__ import annotations

import pytest

from codemods.registry import builtin_codemods
from tests.helpers import run_codemod


def _examples():
    for codemod_id, codemod in sorted(builtin_codemods().items()):
        for index, example in enumerate(codemod.examples):
            yield pytest.param(codemod_id, example, id=f"{codemod_id}-{index}")


@pytest.mark.parametrize("codemod_id,example", list(_examples()))
def test_example(codemod_id, example) -> None:
    result = run_codemod(codemod_id, example.before, example.options, example.unsafe)
    assert not result.errors, [e.message for e in result.errors]
    actual = result.new_text if result.new_text is not None else example.before
    assert actual == (example.after if example.after is not None else example.before)
    again = run_codemod(codemod_id, actual, example.options, example.unsafe)
    assert again.new_text is None


def test_every_codemod_is_documented() -> None:
    for codemod_id, codemod in builtin_codemods().items():
        doc = codemod.documentation()
        assert codemod.summary and len(codemod.summary) < 100, codemod_id
        for section in ("What it changes", "Never", "Fix safety"):
            assert section in doc, f"{codemod_id}: documentation lacks a '{section}' section"
        assert codemod.rewriter, codemod_id
