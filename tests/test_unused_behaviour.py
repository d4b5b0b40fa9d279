"""Behaviour tests for unused-imports and unused-variables: small projects built on
the patterns that break other removers (side-effect imports, availability probes,
re-exports, dynamic namespaces, string annotations, doctests, loops, closures...).

Each project is written to a temporary folder, run as-is in a fresh interpreter,
rewritten by both codemods (as ``codemod apply`` does), and run again: what
``main.result()`` returns (or the exception it raises) and what it prints must not
change. Projects marked ``changes`` must really be rewritten, so that a codemod that
does nothing cannot pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

import pytest

from codemods.engine.pipeline import process_source
from tests.helpers import settings_for

OBSERVE = textwrap.dedent("""
    import sys
    sys.path.insert(0, '.')
    try:
        import main
        value = repr(main.result())
    except Exception as error:
        value = 'raised ' + type(error).__name__
    print('RESULT', value)
""")


@dataclass
class Project:
    files: Dict[str, str]
    changes: bool = True
    unsafe: bool = False


PROJECTS: Dict[str, Project] = {
    "side_effect_imports": Project({
        "app/__init__.py": "",
        "app/registry.py": "PLUGINS = []\n",
        "app/plugins/__init__.py": "",
        "app/plugins/csv_plugin.py": "from app.registry import PLUGINS\nPLUGINS.append('csv')\n",
        "app/plugins/json_plugin.py": "from app.registry import PLUGINS\nPLUGINS.append('json')\n",
        "main.py": """
            import app.plugins.csv_plugin
            from app.plugins import json_plugin
            from app import registry
            import os

            def result():
                return sorted(registry.PLUGINS)
        """}),
    "availability_probe": Project({"main.py": """
        import sys
        try:
            import no_such_module_for_sure
        except ImportError:
            HAVE = False
        else:
            HAVE = True
        try:
            import json as fast_json
        except ModuleNotFoundError:
            fast_json = None

        def result():
            return HAVE, fast_json is not None
    """}, changes=True),
    "all_and_star_import": Project({
        "lib.py": """
            from os.path import join, split, splitext, basename
            import os
            __all__ = ["join"]
            __all__ += ["split"]
            __all__.extend(["splitext"])
            __all__.append("basename")
        """,
        "main.py": """
            from lib import *

            def result():
                return join("a", "b"), split("a/b"), splitext("a.b"), basename("a/b")
        """}),
    "explicit_reexport_and_init": Project({
        "lib.py": "from json import dumps as dumps\nimport re\n\n\ndef version():\n    return 1\n",
        "pkg/__init__.py": "from .impl import helper\nimport os\n",
        "pkg/impl.py": "def helper():\n    return 'helped'\n",
        "main.py": """
            from lib import dumps
            from pkg import helper

            def result():
                return dumps([1]), helper()
        """}),
    "globals_lookup": Project({"main.py": """
        import math
        import json

        def result():
            return globals()["math"].pi, "json" in globals()
    """}, changes=False),
    "eval_computed_and_literal": Project({
        "dyn.py": "import math\n\ndef run(code):\n    return eval(code)\n",
        "main.py": """
            import dyn
            import cmath
            import fractions

            def result():
                return dyn.run("ma" + "th.pi"), eval("cmath.sqrt(-1)")
        """}),
    "sys_modules_self": Project({"main.py": """
        import sys
        from json import dumps

        def result():
            return getattr(sys.modules[__name__], "dumps")([2])
    """}, changes=False),
    "class_body_import": Project({"main.py": """
        class Constants:
            from math import pi, e
            import json

        def result():
            return Constants.pi, Constants.e, Constants.json.dumps(1)
    """}, changes=False),
    "string_annotations": Project({"main.py": """
        import typing
        from typing import List, Callable, Optional
        from decimal import Decimal
        from fractions import Fraction
        from collections import OrderedDict
        import collections.abc
        import uuid
        import os

        def f(x: "List['Decimal']", y: "Optional[Fraction]" = None) -> Callable[["uuid.UUID"], None]:
            pass

        class Holder:
            items: list["OrderedDict"]
            call: collections.abc.Callable[["Decimal"], None]

        def result():
            return (sorted(typing.get_type_hints(f).items(), key=str),
                    sorted(map(str, typing.get_type_hints(Holder).values())))
    """}),
    "type_checking_block": Project({"main.py": """
        from __future__ import annotations
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from decimal import Decimal
            from fractions import Fraction

        def total(values: list[Decimal]) -> int:
            return sum(values)

        def result():
            return total([1, 2]), TYPE_CHECKING
    """}),
    "doctest_only_use": Project({"main.py": '''
        """Module.

        >>> math.floor(2.5)
        2
        >>> textwrap.dedent("  x")
        'x'
        """
        import doctest
        import importlib
        import math
        import textwrap
        import os

        def result():
            return tuple(doctest.testmod(importlib.import_module("main")))
    '''}),
    "fstring_decorator_default_del": Project({"main.py": """
        import functools
        import string
        import math
        import decimal
        import json

        @functools.lru_cache(maxsize=None)
        def show(x, default=math.e):
            return f"{x:{len(string.digits)}}|{decimal.Decimal(1)!r}|{default:.3f}"

        def forget():
            global json
            del json

        def result():
            forget()
            return show(1), "json" in globals()
    """}, changes=False),
    "function_level_and_global_imports": Project({"main.py": """
        def load():
            global json
            import json

        def helper():
            import os
            import re
            return re.escape("a.b")

        def result():
            load()
            return json.dumps([3]), helper()
    """}),
    "duplicates_and_dotted": Project({"main.py": """
        import os
        import sys
        import os
        import os.path
        import xml.dom

        def result():
            return os.sep, os.path.join("a", "b"), len(sys.argv) >= 0
    """}),
    "dunder_and_facade": Project({
        "abcish.py": """
            from _collections_abc import *
            from _collections_abc import __all__
            from _collections_abc import _CallableGenericAlias
        """,
        "main.py": """
            import abcish

            def result():
                return abcish.__all__[:3], abcish._CallableGenericAlias.__name__
        """}, changes=False),
    "exec_literal": Project({"main.py": """
        import math
        import cmath

        def result():
            namespace = {}
            exec("import math\\nvalue = math.tau", namespace)
            return namespace["value"], eval("math.pi")
    """}),
    "imports_done_for_their_effect": Project({
        "deprecated_lib.py": "import warnings\nwarnings.warn('old module', DeprecationWarning)\n",
        "main.py": """
            import warnings
            import json

            class ExpectImportError:
                raised = False

                def __enter__(self):
                    return self

                def __exit__(self, kind, value, traceback):
                    self.raised = kind is not None and issubclass(kind, ImportError)
                    return True

            def result():
                expect = ExpectImportError()
                with expect:
                    import no_such_package_anywhere.sub
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    import deprecated_lib
                return expect.raised, [str(w.message) for w in caught]
        """}),
    "found_by_name": Project({
        "_speedups.py": "def fast():\n    return 'fast'\n\ndef _private():\n    return 'private'\n",
        "api.py": "from _speedups import fast, _private\nimport os\n\n\ndef version():\n    return 1\n",
        "shared_tests.py": """
            import unittest

            class SharedTests(unittest.TestCase):
                def test_one(self):
                    pass

            def load_tests(loader, tests, pattern):
                tests.addTest(SharedTests("test_one"))
                tests.addTest(SharedTests("test_one"))
                return tests
        """,
        "main.py": """
            import importlib
            import unittest
            import api
            from shared_tests import SharedTests, load_tests
            import textwrap

            def result():
                suite = unittest.defaultTestLoader.loadTestsFromModule(importlib.import_module("main"))
                return api.fast(), api._private(), suite.countTestCases()
        """}),
    # -- unused-variables ----------------------------------------------------------------
    "call_effects_stay": Project({"main.py": """
        calls = []

        def record(value):
            calls.append(value)
            return value

        def f():
            x = record(1)
            a = b = record(2)
            c: int = record(3)
            unused_literal = [1, 2, 3]
            return b

        def result():
            return f(), calls
    """}),
    "except_and_with": Project({"main.py": """
        import contextlib
        events = []

        @contextlib.contextmanager
        def managed():
            events.append("enter")
            yield "resource"
            events.append("exit")

        def f():
            try:
                raise KeyError("k")
            except KeyError as error:
                events.append("caught")
            with managed() as resource:
                events.append("body")
            return events

        def shadowed():
            e = "outer"
            try:
                raise ValueError
            except ValueError as e:
                pass
            return e

        def result():
            try:
                shadowed()
            except NameError as error:
                events.append(type(error).__name__)
            return f()
    """}),
    "loops_read_before_assign": Project({"main.py": """
        def f(items):
            seen = []
            for item in items:
                if item > 1:
                    seen.append(previous)
                previous = item
            total = 0
            for item in items:
                total += item
            return seen, total

        def result():
            return f([1, 2, 3])
    """}, changes=False),
    "closures_and_nonlocal": Project({"main.py": """
        def counter():
            count = 0
            step = 2
            label = "n"

            def bump():
                nonlocal count
                count += step
                return count

            class Named:
                name = label

            return bump, Named

        def make_sorter():
            key = len
            return lambda items: sorted(items, key=lambda i: key(i))

        def result():
            bump, named = counter()
            bump()
            return bump(), named.name, make_sorter()(["ccc", "a", "bb"])
    """}, changes=False),
    "dynamic_locals": Project({"main.py": """
        import sys

        def fmt(name):
            greeting = "hello"
            return "{greeting}, {name}".format(**locals())

        def frame():
            hidden = 42
            return sys._getframe().f_locals["hidden"]

        def evaluated():
            value = 7
            return eval("value * 2")

        def result():
            return fmt("world"), frame(), evaluated()
    """}, changes=False),
    "del_walrus_comprehension": Project({"main.py": """
        calls = []

        def compute():
            calls.append("computed")
            return 99

        def f(items):
            temp = 1
            del temp
            if (n := len(items)) > 1:
                pass
            x = compute()
            doubled = [x * 2 for x in items]
            return doubled, n

        def result():
            return f([1, 2]), calls
    """}),
    "maybe_unbound_and_properties": Project({"main.py": """
        class Lazy:
            reads = 0

            @property
            def value(self):
                Lazy.reads += 1
                return 1

        def f(flag, obj):
            if flag:
                maybe = 1
            copy = maybe
            value = obj.value
            return Lazy.reads

        def g():
            missing = not_defined_anywhere
            return 1

        def result():
            out = [f(True, Lazy())]
            for call in (lambda: f(False, Lazy()), g):
                try:
                    out.append(call())
                except NameError as error:
                    out.append(type(error).__name__)
            return out
    """}, changes=False),
    "block_emptied": Project({"main.py": """
        import sys

        def f(flag):
            if flag:
                unused = 1
            else:
                other = len("abc")
            while False:
                z = 0
            return "done"

        if sys.version_info >= (3,):
            import json

        def result():
            return f(True), f(False)
    """}),
    "object_lifetime": Project({"main.py": """
        def resize_while_exported():
            b = bytearray(range(10))
            v = memoryview(b)
            unused = 1
            try:
                b[1:-1] = range(3)
            except BufferError:
                return "blocked"
            return "resized"

        def result():
            return resize_while_exported()
    """}),
    "unsafe_renames": Project({"main.py": """
        from gettext import gettext as _

        def pairs(items):
            out = []
            for key, value in items:
                out.append(key)
            first, *rest = [1, 2, 3]
            return out, first

        def strict():
            a, b = (1, 2, 3)
            return a

        def translated(items):
            for i, item in enumerate(items):
                print(_("item"), item)
            return len(items)

        def result():
            try:
                strict()
            except ValueError as error:
                message = type(error).__name__
            return pairs([("a", 1), ("b", 2)]), message, translated(["x"])
    """}, unsafe=True),
    "redefined_imports": Project({"main.py": """\
        from json import dumps
        from json import loads
        from textwrap import dedent
        from fractions import Fraction
        from os import sep
        from string import Template
        from pprint import pformat

        __all__ = ["dumps", "result"]


        def early(value):  # defined before the redefinition, called after it
            return pformat(value)


        def pformat(value):
            return "<%s>" % (value,)


        def dumps(obj):
            return "<%s>" % (obj,)


        class loads:
            def __init__(self, text):
                self.text = text


        print(dedent("  read before it is rebound"))
        dedent = str.strip


        def show(value):
            return repr(Fraction(value))


        EARLY = show(3)  # runs while the imported Fraction is bound


        def Fraction(value):
            return value


        def split(path, sep=sep):
            return path.split(sep)


        def sep():
            return "|"


        if EARLY:
            Template = str


        def local():
            from json import loads as parse
            helper = lambda: parse("[1]")
            parse = str
            from json import dumps as render
            def render(value):
                return value
            return helper(), parse(2), render(3)


        def result():
            return (dumps(1), loads("x").text, dedent(" y "), EARLY, show(2), split("a/b"), sep(),
                    Template("t"), local(), early(3))
    """}),
}


def _write(root: Path, files: Dict[str, str]) -> None:
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n", encoding="utf-8")
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")


def _rewrite(root: Path, unsafe: bool) -> int:
    """Both codemods over every file, as ``codemod apply`` runs them; returns the fixes."""
    settings = settings_for(["unused-variables", "unused-imports"], unsafe_fixes=unsafe)
    fixes = 0
    for path in sorted(root.rglob("*.py")):
        result = process_source(path.read_bytes(), str(path), settings)
        assert not result.errors, (path, [e.message for e in result.errors])
        if result.new_bytes is not None:
            compile(result.new_bytes, str(path), "exec")
            path.write_bytes(result.new_bytes)
            fixes += len(result.fixes)
    return fixes


def _observe(root: Path) -> Tuple[str, str]:
    completed = subprocess.run([sys.executable, "-c", OBSERVE], cwd=root, capture_output=True, text=True,
                               timeout=60, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    lines = completed.stdout.splitlines()
    results = [line for line in lines if line.startswith("RESULT ")]
    assert results, completed.stderr
    return results[-1], "\n".join(line for line in lines if not line.startswith("RESULT "))


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_behaviour_is_unchanged(name: str, tmp_path: Path) -> None:
    project = PROJECTS[name]
    original_root, rewritten_root = tmp_path / "original", tmp_path / "rewritten"
    for root in (original_root, rewritten_root):
        root.mkdir()
        _write(root, project.files)
    before = _observe(original_root)
    assert not before[0].startswith("RESULT raised"), before  # the program itself must work
    fixes = _rewrite(rewritten_root, project.unsafe)
    after = _observe(rewritten_root)
    assert after == before
    if project.changes:
        assert fixes > 0, "expected the codemods to rewrite this project"
    else:
        assert fixes == 0, "every name in this project is used (or kept on purpose)"


def test_rewrites_are_idempotent(tmp_path: Path) -> None:
    for name, project in PROJECTS.items():
        root = tmp_path / name
        root.mkdir()
        _write(root, project.files)
        _rewrite(root, project.unsafe)
        assert _rewrite(root, project.unsafe) == 0, name
