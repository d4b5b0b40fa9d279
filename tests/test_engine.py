"""Engine details that the cases cannot show directly."""

from __future__ import annotations

from codemods.contract import Finding
from codemods.engine.hunks import moved_findings as _moved
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
    from codemods.engine.pipeline import process_source
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

    from codemods.cst.metadata import ParentNodeProvider
    from tests.helpers import REPO

    for path in sorted(glob.glob(os.path.join(REPO, "codemods", "cst", "*.py"))) + sorted(
            glob.glob(os.path.join(REPO, "codemods", "transforms", "docstrings", "*.py"))) + [
            os.path.join(REPO, "examples", "consumer_store.py")]:
        with open(path, encoding="utf-8") as handle:
            wrapper = MetadataWrapper(cst.parse_module(handle.read()), unsafe_skip_copy=True)
        ours, theirs = wrapper.resolve(ParentNodeProvider), wrapper.resolve(LibcstParents)
        assert len(ours) == len(theirs) and all(ours[node] is theirs[node] for node in theirs), path


def test_positions_from_code_generation_are_libcst_positions() -> None:
    import os
    import sysconfig

    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from codemods.cst.metadata import code_with_positions

    for name in ("argparse.py", "string.py", "dataclasses.py"):
        with open(os.path.join(sysconfig.get_paths()["stdlib"], name), encoding="utf-8") as handle:
            source = handle.read()
        module = cst.parse_module(source)
        code, ours = code_with_positions(module)
        theirs = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        assert code == source
        assert len(ours) == len(theirs) and all(ours[node] == theirs[node] for node in theirs), name
        assert not ours.repeated


def test_a_node_placed_twice_is_noticed() -> None:
    import libcst as cst

    from codemods.cst.metadata import code_with_positions

    module = cst.parse_module("x = 1\n")
    doubled = module.with_changes(body=(module.body[0], module.body[0]))
    code, positions = code_with_positions(doubled)
    assert code == "x = 1\nx = 1\n" and positions.repeated


def _step(name: str, apply):
    from codemods.contract import RewriteContext
    from codemods.engine.rewrite import Step

    return Step(name, lambda: RewriteContext(codemod_id=name, path="m.py", options={}), apply,
                records_fixes=True, one_pass=True)


def test_a_kept_tree_that_libcst_cannot_reproduce_is_redone_step_by_step() -> None:
    # the first step's tree ends the file with a lone CR (libcst's parser does not give
    # it back); the shortcut keeps the tree, the final check refuses the text,
    # and the careful rerun drops that change and keeps the second step's
    import libcst as cst

    from codemods.engine.rewrite import run_steps

    def lone_cr(module, wrapper, context):
        context.add_fix(1, 1, "lone CR")
        line = module.body[-1]
        return module.with_changes(body=tuple(module.body[:-1]) + (line.with_changes(
            trailing_whitespace=line.trailing_whitespace.with_changes(newline=cst.Newline("\r"))),))

    def rename(module, wrapper, context):
        class Rename(cst.CSTTransformer):
            def leave_Name(self, original_node, updated_node):
                return updated_node.with_changes(value="z") if updated_node.value == "y" else updated_node
        new = module.visit(Rename())
        if new.code != module.code:
            context.add_fix(1, 1, "renamed")
        return new

    result = run_steps("y = 2\nx = 1\n", "m.py", [_step("lone-cr", lone_cr), _step("rename", rename)], None)
    assert result.text == "z = 2\nx = 1\n"
    assert any("lone-cr" in e.message and "would not compile" in e.message for e in result.errors)


def test_the_kept_tree_carries_its_positions_to_the_next_step() -> None:
    import libcst as cst
    from libcst.metadata import PositionProvider

    from codemods.engine.rewrite import run_steps

    seen = []

    def insert(module, wrapper, context):
        if module.code.startswith("import os"):
            return module
        context.add_fix(1, 1, "inserted")
        return module.with_changes(body=(cst.parse_statement("import os\n"),) + tuple(module.body))

    def where(module, wrapper, context):
        class Where(cst.CSTVisitor):
            METADATA_DEPENDENCIES = (PositionProvider,)

            def visit_Name(self, node):
                if node.value == "y":
                    seen.append(self.get_metadata(PositionProvider, node).start.line)
        wrapper.visit(Where())
        return module

    result = run_steps("x = 1\ny = 2\n", "m.py", [_step("insert", insert), _step("where", where)], None)
    assert result.text == "import os\nx = 1\ny = 2\n" and seen == [3]


def test_qualified_name_provider_agrees_with_libcst() -> None:
    import os
    import sysconfig

    import libcst as cst
    from libcst.metadata import MetadataWrapper
    from libcst.metadata import QualifiedNameProvider as LibcstNames

    from codemods.cst.metadata import QualifiedNameProvider

    source = "import os.path as p\nfrom a import b\nclass C:\n    def m(self):\n        return p.join(b.x, C)\n"
    modules = [cst.parse_module(source)]
    for name in ("argparse.py", "typing.py"):
        with open(os.path.join(sysconfig.get_paths()["stdlib"], name), encoding="utf-8") as handle:
            modules.append(cst.parse_module(handle.read()))
    for module in modules:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        ours, theirs = wrapper.resolve(QualifiedNameProvider), wrapper.resolve(LibcstNames)
        assert len(ours) == len(theirs)
        for node, value in theirs.items():
            assert ours[node] == (value() if hasattr(value, "callable") else value)
    stranger = cst.Name("x")
    assert stranger not in ours and ours.get(stranger, "default") == "default"


def test_a_codemod_with_nothing_to_do_gets_the_work_an_earlier_fix_leaves():
    from codemods.engine.pipeline import process_source
    from tests.helpers import settings_for

    # unused-imports' detector says no to the original (``os`` is read); removing the
    # lambda leaves the import unused, and the same run removes it (a second run is a no-op)
    source = "import os\n\n\ndef f():\n    x = lambda: os.sep\n    return 1\n"
    result = process_source(source.encode(), "m.py", settings_for(["unused-variables", "unused-imports"]))
    assert result.new_text == "def f():\n    return 1\n"
    assert process_source(result.new_text.encode(), "m.py",
                          settings_for(["unused-variables", "unused-imports"])).new_text is None
