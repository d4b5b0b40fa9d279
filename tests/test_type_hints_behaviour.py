"""type-hints: every case still imports and behaves the same once annotated, mypy
finds no more errors than before, and placeholders make ``--disallow-untyped-defs``
clean. mypy runs once over a folder of all cases (two runs plus a strict one), not
once per case."""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import itertools
import os
import re
import subprocess
import sys
import typing
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from codemods.engine.pipeline import process_source
from tests.helpers import REPO, rewrite, run_codemod, settings_for

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "cases" / "type-hints"
#: cases that deliberately leave some defs bare (the never-list, inference only).
LEAVES_DEFS_BARE = {"never_runtime_readers", "never_configured_reader", "placeholders_off", "singledispatch_behaviour"}
#: sample arguments for probing functions with required parameters (fresh each call:
#: a probe may mutate its list).
#: no small ints: open(0) would close the test's own stdin.
SAMPLES = (lambda: -1, lambda: 1.5, lambda: "ab", lambda: [1, 2], lambda: None)
#: names the codemod may add to a module (its imports).
ADDED_NAMES = {"Any", "Optional", "Union", "Iterator", "Generator", "AsyncIterator", "AsyncGenerator", "Literal",
               "TYPE_CHECKING", "typing", "Mapping", "PurePath", "collections", "os", "PathLike", "Iterable"}


def _settings(name: str) -> Dict[str, Any]:
    toml = CASES / f"{name}.toml"
    return tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}


def _runnable(name: str) -> bool:
    wanted = _settings(name).get("min-python")
    return not wanted or sys.version_info >= tuple(int(p) for p in wanted.split("."))


def _case_names() -> List[str]:
    return sorted(p.name[: -len(".in.py")] for p in CASES.glob("*.in.py"))


def _transformed(name: str) -> Tuple[str, str]:
    settings = _settings(name)
    original = (CASES / f"{name}.in.py").read_text(encoding="utf-8")
    options = dict(settings.get("options", {}))
    if "stubs" in options:
        options["stubs"] = os.path.join(REPO, options["stubs"])
    return original, rewrite("type-hints", original, options=options, path=settings.get("path", "case.py"))


# --- behaviour ----------------------------------------------------------------------------


def _load(source: str, folder: Path, module_name: str):
    folder.mkdir()
    path = folder / f"{module_name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # both versions must fail the same way
        return None, type(error).__name__
    finally:
        sys.modules.pop(module_name, None)
    return module, None


def _outcome(call) -> str:
    try:
        value = call()
        if inspect.iscoroutine(value):
            value = asyncio.run(asyncio.wait_for(value, 2))
        if inspect.isasyncgen(value):
            value = asyncio.run(_take_async(value))
        if inspect.isgenerator(value):
            value = list(itertools.islice(value, 10))
        return f"ok {value!r}" if not _has_identity_repr(value) else f"ok {type(value).__name__}"
    except Exception as error:
        return f"raised {type(error).__name__}"


async def _take_async(generator) -> list:
    taken = []
    async for item in generator:
        taken.append(item)
        if len(taken) >= 10:
            break
    return taken


def _has_identity_repr(value: Any) -> bool:
    return " at 0x" in repr(value) or " object at " in repr(value)


def _probe_calls(function, bound_self=None) -> List[Tuple[str, Any]]:
    """Calls to try: with the defaults, and with sample values for up to two
    required parameters."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return []
    required = [p for p in signature.parameters.values()
                if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(required) > 2:
        return []
    calls = []
    for index, makers in enumerate(itertools.product(SAMPLES, repeat=len(required))):
        calls.append((f"#{index}", lambda makers=makers: function(*(make() for make in makers))))
    return calls


def _observe(module, skip=frozenset()) -> Dict[str, str]:
    seen: Dict[str, str] = {}
    for name, value in sorted(vars(module).items()):
        if name.startswith("__") or name in skip:
            continue
        if isinstance(value, (int, float, str, bytes, tuple, list, dict, bool, type(None))):
            seen[f"value {name}"] = repr(value)
        elif inspect.isfunction(value) and value.__module__ == module.__name__:
            seen[f"signature {name}"] = _signature_shape(value)
            for label, call in _probe_calls(value):
                seen[f"call {name}{label}"] = _outcome(call)
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            instance = None
            try:
                instance = value()
            except Exception as error:
                seen[f"new {name}"] = type(error).__name__
            for attribute, member in sorted(vars(value).items()):
                if inspect.isfunction(member):
                    seen[f"signature {name}.{attribute}"] = _signature_shape(member)
                    if instance is not None and not attribute.startswith("__"):
                        method = getattr(instance, attribute)
                        for label, call in _probe_calls(method):
                            seen[f"call {name}.{attribute}{label}"] = _outcome(call)
    return seen


def _signature_shape(function) -> str:
    """Names, kinds and defaults: annotations are what is allowed to change."""
    signature = inspect.signature(function)
    return repr([(p.name, p.kind, p.default) for p in signature.parameters.values()])


def _original_annotations_kept(original_module, new_module) -> None:
    for name, value in vars(original_module).items():
        if inspect.isfunction(value) and value.__module__ == original_module.__name__:
            new = getattr(new_module, name)
            for key, annotation in value.__annotations__.items():
                assert repr(new.__annotations__[key]) == repr(annotation), (name, key)  # TypeVars differ per load


@pytest.mark.parametrize("name", _case_names())
def test_case_behaves_the_same(name: str, tmp_path: Path, monkeypatch) -> None:
    if not _runnable(name):
        pytest.skip("needs a newer Python")
    original, transformed = _transformed(name)
    # the same module name for both: __name__ shows in values
    original_module, original_error = _load(original, tmp_path / "original", f"th_{name}")
    new_module, new_error = _load(transformed, tmp_path / "new", f"th_{name}")
    assert new_error == original_error
    if original_module is None:
        return
    added = set(vars(new_module)) - set(vars(original_module))
    assert added <= ADDED_NAMES, added
    monkeypatch.chdir(tmp_path / "new")  # probes may write files: each version in its own folder
    observed = _observe(new_module, skip=added)
    monkeypatch.chdir(tmp_path / "original")
    assert observed == _observe(original_module)
    _original_annotations_kept(original_module, new_module)
    options = _settings(name).get("options", {})
    if options.get("placeholder") == "Incomplete" or "stubs" in options or (
            "TYPE_CHECKING" in transformed and "TYPE_CHECKING" not in original):
        return  # names imported only under TYPE_CHECKING (stubs, base classes' types), by design
    for function in _functions(new_module):
        typing.get_type_hints(function)  # every annotation evaluates


def _functions(module) -> List[Any]:
    found = []
    for value in vars(module).values():
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            found.append(value)
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            found.extend(m for m in vars(value).values() if inspect.isfunction(m))
    return found


# --- mypy, once over all cases ---------------------------------------------------------------

_ERROR = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): error: .*\[(?P<code>[\w-]+)\]$")


def _mypy(folder: Path, cache: Path, *flags: str) -> Counter:
    command = [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
               "--show-error-codes", "--cache-dir", str(cache), *flags, str(folder)]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=str(folder), timeout=600)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    seen = set()  # one per line and code: mypy may report a def twice
    for line in completed.stdout.splitlines():
        match = _ERROR.match(line.strip())
        if match:
            seen.add((Path(match["file"]).stem, match["line"], match["code"]))
    return Counter((stem, code) for stem, _, code in seen)


@pytest.fixture(scope="module")
def mypy_results(tmp_path_factory) -> Dict[str, Counter]:
    pytest.importorskip("mypy")
    root = tmp_path_factory.mktemp("type_hints_mypy")
    folders = {kind: root / kind for kind in ("original", "new")}
    for folder in folders.values():
        folder.mkdir()
    for name in _case_names():
        if not _runnable(name):
            continue
        original, transformed = _transformed(name)
        (folders["original"] / f"{name}.py").write_text(original, encoding="utf-8")
        (folders["new"] / f"{name}.py").write_text(transformed, encoding="utf-8")
    return {
        "original": _mypy(folders["original"], root / "cache"),
        "new": _mypy(folders["new"], root / "cache"),
        "original-strict": _mypy(folders["original"], root / "cache", "--disallow-untyped-defs", "--disallow-incomplete-defs"),
        "new-strict": _mypy(folders["new"], root / "cache", "--disallow-untyped-defs", "--disallow-incomplete-defs"),
    }


def _per_file(counts: Counter, codes=None) -> Counter:
    total: Counter = Counter()
    for (stem, code), number in counts.items():
        if codes is None or code in codes:
            total[stem] += number
    return total


def test_mypy_finds_no_more_errors(mypy_results) -> None:
    before, after = _per_file(mypy_results["original"]), _per_file(mypy_results["new"])
    worse = {name: (before[name], after[name]) for name in after if after[name] > before[name]}
    assert not worse, (worse, mypy_results["new"])


def test_placeholders_make_untyped_defs_clean(mypy_results) -> None:
    untyped = ("no-untyped-def",)
    before = _per_file(mypy_results["original-strict"], untyped)
    after = _per_file(mypy_results["new-strict"], untyped)
    assert sum(before.values()) > 0  # the cases do have untyped defs to begin with
    for name in _case_names():
        if not _runnable(name) or name in LEAVES_DEFS_BARE:
            continue
        assert after[name] == 0, (name, after[name])
    for name in LEAVES_DEFS_BARE - {"placeholders_off"}:
        assert after[name] < before[name], name
    # inference only: some defs become partly annotated, none gets a placeholder
    assert after["placeholders_off"] <= before["placeholders_off"]


# --- single rules, beside the cases ------------------------------------------------------------


def test_optional_follows_the_target_version() -> None:
    source = 'def find(key, default=None):\n    """Find.\n\n    :type default: int\n    """\n    return 1\n'
    for target, expected in (("3.9", "default: Optional[int] = None"), ("3.10", "default: int | None = None")):
        settings = settings_for(["type-hints"], target_version=target)
        result = process_source(source.encode(), "case.py", settings)
        assert expected in result.new_text, result.new_text
    newer = process_source(source.encode(), "case.py", settings_for(["type-hints"], target_version="3.12"))
    assert "Optional" not in newer.new_text


def test_union_from_a_stub_is_quoted_before_310(tmp_path: Path) -> None:
    (tmp_path / "mod.pyi").write_text("def f(x: int | str) -> int | None: ...\n", encoding="utf-8")
    source = "def f(x):\n    return None if x else 1\n"
    old = process_source(source.encode(), "mod.py", settings_for(
        ["type-hints"], {"type-hints": {"stubs": str(tmp_path)}}, target_version="3.9"))
    assert 'def f(x: "int | str") -> "int | None":' in old.new_text
    new = process_source(source.encode(), "mod.py", settings_for(
        ["type-hints"], {"type-hints": {"stubs": str(tmp_path)}}, target_version="3.10"))
    assert "def f(x: int | str) -> int | None:" in new.new_text


def test_builtin_generics_are_quoted_before_39(tmp_path: Path) -> None:
    (tmp_path / "mod.pyi").write_text("import collections.abc\n"
                                      "def f(x: collections.abc.Mapping[str, int]) -> dict[str, int]: ...\n",
                                      encoding="utf-8")
    source = ('import collections.abc\n\n\ndef f(x):\n    return dict(x)\n\n\n'
              'def g(y):\n    """G.\n\n    Args:\n        y (list[int]): numbers.\n    """\n    return y\n')
    options = {"type-hints": {"stubs": str(tmp_path)}}
    old = process_source(source.encode(), "mod.py", settings_for(["type-hints"], options, target_version="3.8"))
    assert 'def f(x: "collections.abc.Mapping[str, int]") -> "dict[str, int]":' in old.new_text
    assert 'def g(y: "list[int]") -> Any:' in old.new_text
    new = process_source(source.encode(), "mod.py", settings_for(["type-hints"], options, target_version="3.9"))
    assert "def f(x: collections.abc.Mapping[str, int]) -> dict[str, int]:" in new.new_text
    assert "def g(y: list[int]) -> Any:" in new.new_text


def test_stub_overloads_are_not_merged(tmp_path: Path) -> None:
    (tmp_path / "mod.pyi").write_text(
        "from typing import overload\n@overload\ndef f(x: int) -> int: ...\n@overload\ndef f(x: str) -> str: ...\n",
        encoding="utf-8")
    result = rewrite("type-hints", "def f(x):\n    return x\n", options={"stubs": str(tmp_path)}, path="mod.py")
    assert "def f(x: Any) -> Any:" in result


def test_missing_stub_folder_means_inference_only() -> None:
    result = rewrite("type-hints", "def f(x=1):\n    return x\n", options={"stubs": "/nonexistent/stubs"})
    assert "def f(x: int = 1) -> Any:" in result


def test_every_fix_is_recorded_once_per_def() -> None:
    result = run_codemod("type-hints", "def f(x=1):\n    pass\n\n\ndef g(self):\n    return 'a'\n")
    assert [(f.line, f.message) for f in result.fixes] == [
        (1, "annotated f(): x, return"), (5, "annotated g(): self, return")]


def test_reader_list_can_be_replaced() -> None:
    source = "import typer\n\napp = typer.Typer()\n\n\n@app.command()\ndef hello(name='x'):\n    print(name)\n"
    assert rewrite("type-hints", source) == source
    replaced = rewrite("type-hints", source, options={"annotation-readers": []})
    assert "def hello(name: str = 'x') -> None:" in replaced


def test_declaration_does_not_import_libcst() -> None:
    code = ("import sys, ast, codemods.transforms.type_hints as m\n"
            "assert 'libcst' not in sys.modules\n"
            "tree = ast.parse('def f(x: int) -> int:\\n    return x\\n')\n"
            "assert not m.TypeHints().detect(tree, 'def f(x: int) -> int:\\n    return x\\n')\n"
            "src = 'class C:\\n    def m(self) -> None: ...\\n'\n"
            "assert not m.TypeHints().detect(ast.parse(src), src)\n"
            "src = 'class C:\\n    @staticmethod\\n    def m(x) -> None: ...\\n'\n"
            "assert m.TypeHints().detect(ast.parse(src), src)\n")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert completed.returncode == 0, completed.stderr
