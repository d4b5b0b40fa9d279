"""Behaviour of the ``docstrings`` codemod: transformed modules still run and give
the same results, help text read at run time is untouched, and the layout details
(CRLF, package style, update reports, detector) hold."""

from __future__ import annotations

import ast
import inspect
import types
from pathlib import Path

import pytest

from codemods.registry import find_codemod
from tests.helpers import rewrite, run_codemod
from tests.test_cases import CASES

DOCSTRING_CASES = CASES / "docstrings"


def _load(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


SAMPLE = '''
import abc


class Shape(abc.ABC):
    def __init__(self, sides: int, *, name: str = "shape") -> None:
        if sides < 0:
            raise ValueError(sides)
        self.sides, self.name = sides, name

    @property
    def label(self) -> str:
        return f"{self.name}/{self.sides}"

    @abc.abstractmethod
    def area(self) -> float:
        raise NotImplementedError


class Square(Shape):
    def __init__(self, side): super().__init__(4, name="square"); self.side = side

    def area(self): return self.side ** 2


def countdown(start):
    while start:
        yield start
        start -= 1


def safe_int(text, default=0, /, *args, strict=False, **kwargs):
    try:
        return int(text)
    except ValueError:
        if strict:
            raise
        return default
'''


@pytest.mark.parametrize("style", ["google", "numpy", "sphinx"])
def test_transformed_module_behaves_the_same(style: str) -> None:
    after = rewrite("docstrings", SAMPLE, options={"style": style})
    assert after != SAMPLE
    old, new = _load(SAMPLE, "old_sample"), _load(after, "new_sample")
    for module in (old, new):
        square = module.Square(3)
        module.results = (square.area(), square.label, list(module.countdown(3)), module.safe_int("7"),
                          module.safe_int("x", 5), inspect.signature(module.safe_int), inspect.signature(module.Shape))
        with pytest.raises(ValueError):
            module.safe_int("x", 0, strict=True)
        with pytest.raises(ValueError):
            module.Square.__mro__[1].__init__(square, -1)
    assert str(old.results) == str(new.results)
    # the only observable difference is documentation, and every def has some now
    for name in ("Shape", "Square", "countdown", "safe_int"):
        assert getattr(old, name).__doc__ is None
        assert "TODO: describe." in getattr(new, name).__doc__
    assert new.Square.__doc__.startswith("Square.") and "side" in new.Square.__doc__
    assert new.Shape.label.__doc__.startswith("Label.")


def test_every_case_output_still_compiles_and_runs_its_definitions() -> None:
    """Each case output defines the same names as its input (nothing lost)."""
    for source in sorted(DOCSTRING_CASES.glob("*.in.py")):
        expected = source.with_name(source.name[: -len(".in.py")] + ".out.py")
        if not expected.exists():
            continue
        before = ast.parse(source.read_text(encoding="utf-8"))
        after = ast.parse(expected.read_text(encoding="utf-8"))

        def names(tree: ast.AST):
            return sorted(n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))

        assert names(before) == names(after), source.name
        stripped = [ast.dump(_without_docstrings(t)) for t in (before, after)]
        assert stripped[0] == stripped[1], f"{source.name}: more than docstrings changed"


def _without_docstrings(tree: ast.Module) -> ast.Module:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


CLICK_TOOL = '''
import click


@click.group()
def cli():
    pass


@cli.command()
@click.argument("name")
def greet(name):
    click.echo(f"hello {name}")


def helper(name):
    return name.upper()
'''


def test_click_help_text_is_unchanged() -> None:
    click = pytest.importorskip("click")
    from click.testing import CliRunner

    after = rewrite("docstrings", CLICK_TOOL)
    assert '"""Return helper.' in after  # an ordinary function is documented...
    old, new = _load(CLICK_TOOL, "old_tool"), _load(after, "new_tool")
    runner = CliRunner()
    for arguments in (["--help"], ["greet", "--help"], ["greet", "ada"]):
        assert runner.invoke(old.cli, arguments).output == runner.invoke(new.cli, arguments).output
    assert new.greet.help is None and new.cli.help is None  # ...the commands are not
    assert isinstance(new.cli, click.Group)


def test_argparse_description_from_doc_is_unchanged() -> None:
    source = (
        "import argparse\n\n\n"
        "def main(argv=None):\n"
        "    parser = argparse.ArgumentParser(description=main.__doc__)\n"
        "    return parser.format_help()\n"
    )
    assert rewrite("docstrings", source) == source


SHELL_TOOL = '''
import cmd


class Shell(cmd.Cmd):
    def do_greet(self, arg):
        self.stdout.write("hi " + arg + "\\n")

    def greeting(self, name):
        return "hi " + name


class Admin(Shell):
    def do_ban(self, arg):
        pass
'''


def test_cmd_shell_help_is_unchanged() -> None:
    import io

    after = rewrite("docstrings", SHELL_TOOL)
    assert '"""Return greeting.' in after  # an ordinary method is documented...
    outputs = []
    for source, name in ((SHELL_TOOL, "old_shell"), (after, "new_shell")):
        module = _load(source, name)
        out = io.StringIO()
        shell = module.Admin(stdout=out)
        for line in ("help", "help greet", "help ban", "greet ada"):
            shell.onecmd(line)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]  # ...`help greet` still has nothing to print
    assert "No help on greet" in outputs[1]


def test_crlf_file_stays_crlf() -> None:
    source = "def f(a):\r\n    return a\r\n\r\n\r\nclass K:\r\n    pass\r\n"
    after = rewrite("docstrings", source, options={"style": "numpy"})
    assert after != source
    assert "\n" not in after.replace("\r\n", "")


def test_tab_indented_body_keeps_tabs() -> None:
    after = rewrite("docstrings", "class K:\n\tdef m(self, a):\n\t\treturn a\n")
    assert "\n\t\tArgs:\n\t\t\ta: TODO: describe.\n" in after
    assert " " not in "".join(line[: len(line) - len(line.lstrip())] for line in after.splitlines())


def test_package_style_is_followed(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "documented.py").write_text(
        'def f(a):\n    """F.\n\n    Parameters\n    ----------\n    a : int\n        A.\n    """\n')
    target = package / "fresh.py"
    result = run_codemod("docstrings", "def g(b):\n    return b\n", path=str(target))
    assert "    Parameters\n    ----------\n    b\n" in result.new_text
    # outside a package (or with an explicit style) nothing else is read
    loose = run_codemod("docstrings", "def g(b):\n    return b\n", path=str(tmp_path / "loose.py"))
    assert "    Args:\n" in loose.new_text


def test_update_reports_the_text_it_removes() -> None:
    source = 'def f(a):\n    """F.\n\n    Args:\n        a: Kept.\n        gone: Was here.\n    """\n    return a\n'
    result = run_codemod("docstrings", source, options={"update": True})
    assert "gone" not in result.new_text and "a: Kept." in result.new_text
    assert any("gone: Was here." in fix.message for fix in result.fixes)
    assert run_codemod("docstrings", source).new_text is None  # update is off by default


def test_one_fix_per_docstring() -> None:
    result = run_codemod("docstrings", "def a():\n    pass\n\n\ndef b():\n    pass\n\n\nclass C:\n    pass\n")
    assert [f.line for f in result.fixes] == [1, 5, 9]
    assert all("docstring" in f.message for f in result.fixes)


@pytest.mark.parametrize("source,options,expected", [
    ("x = 1\n", {}, False),
    ('def f():\n    """Done."""\n', {}, False),
    ('class K:\n    """Done."""\n\n    def m(self):\n        """Done."""\n', {}, False),
    ("def f():\n    pass\n", {}, True),
    ('class K:\n    """Done."""\n\n    def _m(self):\n        pass\n', {}, False),
    ('class K:\n    """Done."""\n\n    def _m(self):\n        pass\n', {"include-private": True}, True),
    ('class K:\n    """Done."""\n\n    def __len__(self):\n        return 0\n', {}, False),
    ('class K:\n    """Done."""\n\n    def __init__(self):\n        pass\n', {}, True),
    ('def f():\n    """Done."""\n\n    def inner():\n        pass\n', {}, False),
    ('def f():\n    """Done."""\n\n    def inner():\n        pass\n', {"include-nested": True}, True),
    ('def f(a):\n    """F.\n\n    Args:\n        b: Stale.\n    """\n', {}, False),
    ('def f(a):\n    """F.\n\n    Args:\n        b: Stale.\n    """\n', {"update": True}, True),
    ('def f():\n    """F.\n\n    Args:\n        b: Removed.\n    """\n', {"update": True}, True),
    ('def f(a):\n    """F.\n\n    Args:\n        a: Fine.\n    """\n', {"update": True}, False),
])
def test_detector(source: str, options, expected: bool) -> None:
    codemod = find_codemod("docstrings")
    assert codemod(codemod.resolve_options(options)).detect(ast.parse(source), source) is expected
