"""Measure the ``type-hints`` codemod on a real third-party package.

Downloads the sdist of a pure-Python package that ships its own tests (default:
more-itertools 11.2.1: untyped ``.py`` modules, types kept in ``.pyi`` stubs beside
them, a unittest suite), then for each configuration below:

1. ``codemod apply --select type-hints`` on the package folder (a ``--config`` file
   carries the options),
2. counts over every def: annotation slots (parameters but ``self``/``cls``, and the
   return) that were bare and now hold an inferred type, a placeholder (the
   annotation mentions ``Any``), or nothing; defs with at least one inferred slot,
3. the package's own test suite on the result (and on the original, for reference),
4. mypy on the package with its ``.pyi`` files removed (else mypy reads those),
   before and after, and with ``--disallow-untyped-defs`` after,
5. a second ``codemod check`` (must change nothing).

Usage: .venv/bin/python scripts/measure_type_hints.py [requirement [package [tests]]]
"""

from __future__ import annotations

import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from typing import Dict, List, Tuple

BIN = os.path.dirname(sys.executable)
CONFIGURATIONS = {
    "inference + Any": "",
    "stubs (the package's .pyi) + Any": 'stubs = "{root}"\n',
    "inference only (placeholders = false)": "placeholders = false\n",
}


def run(command: List[str], cwd: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=1800)


def download(requirement: str, folder: str) -> str:
    result = run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-d", folder,
                  requirement], folder)
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    archive = glob.glob(os.path.join(folder, "*.tar.gz"))[0]
    with tarfile.open(archive) as tar:
        tar.extractall(folder)
    return archive[: -len(".tar.gz")]


def slots(node: ast.AST, is_method: bool) -> List[Tuple[str, ast.AST]]:
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if is_method and not static and positional:
        positional = positional[1:]  # self/cls stay bare by design
    every = [*positional, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
    found = [(a.arg, a.annotation) for a in every if a is not None]
    found.append(("return", node.returns))
    return found


def defs(tree: ast.Module) -> List[Tuple[ast.AST, bool]]:
    found = []

    def walk(node: ast.AST, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((child, in_class))
                walk(child, False)
            elif isinstance(child, ast.ClassDef):
                walk(child, True)
            else:
                walk(child, in_class)

    walk(tree, False)
    return found


def is_placeholder(annotation: ast.AST) -> bool:
    return any((isinstance(n, ast.Name) and n.id in ("Any", "Incomplete"))
               or (isinstance(n, ast.Attribute) and n.attr == "Any")
               or (isinstance(n, ast.Constant) and n.value == "Incomplete") for n in ast.walk(annotation))


def count(before_dir: str, after_dir: str, package: str) -> Dict[str, int]:
    totals: Counter = Counter()
    for path in sorted(glob.glob(os.path.join(before_dir, package, "**", "*.py"), recursive=True)):
        relative = os.path.relpath(path, before_dir)
        with open(path, encoding="utf-8") as handle:
            before = defs(ast.parse(handle.read()))
        with open(os.path.join(after_dir, relative), encoding="utf-8") as handle:
            after = defs(ast.parse(handle.read()))
        assert len(before) == len(after), relative
        for (old, in_class), (new, _) in zip(before, after):
            totals["defs"] += 1
            inferred_here = placeholder_here = bare_before = 0
            for (_, old_annotation), (_, new_annotation) in zip(slots(old, in_class), slots(new, in_class)):
                if old_annotation is not None:
                    totals["slots already annotated"] += 1
                    continue
                bare_before += 1
                totals["slots bare before"] += 1
                if new_annotation is None:
                    totals["slots left bare"] += 1
                elif is_placeholder(new_annotation):
                    totals["slots placeholder"] += 1
                    placeholder_here += 1
                else:
                    totals["slots inferred"] += 1
                    inferred_here += 1
            if bare_before:
                totals["defs with bare slots before"] += 1
            if inferred_here:
                totals["defs with an inferred type"] += 1
            if bare_before and inferred_here == bare_before:
                totals["defs fully inferred"] += 1
    return dict(totals)


def tests(folder: str, test_dir: str) -> str:
    env = dict(os.environ, PYTHONPATH=folder)
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_dir], folder, env)
    lines = result.stdout.strip().splitlines()
    return f"exit {result.returncode}: {lines[-1] if lines else result.stderr[-300:]}"


def mypy(folder: str, package: str, *flags: str) -> int:
    copy = tempfile.mkdtemp()
    shutil.copytree(os.path.join(folder, package), os.path.join(copy, package))
    for stub in glob.glob(os.path.join(copy, package, "**", "*.pyi"), recursive=True):
        os.remove(stub)
    result = run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
                  "--cache-dir", os.path.join(copy, ".mypy_cache"), *flags, package], copy)
    shutil.rmtree(copy, ignore_errors=True)
    return sum(1 for line in result.stdout.splitlines() if ": error:" in line)


def main() -> None:
    requirement = sys.argv[1] if len(sys.argv) > 1 else "more-itertools==11.2.1"
    package = sys.argv[2] if len(sys.argv) > 2 else "more_itertools"
    test_dir = sys.argv[3] if len(sys.argv) > 3 else "tests"
    work = tempfile.mkdtemp(prefix="measure_type_hints_")
    source = download(requirement, work)
    print(f"{requirement}: {source}")
    print(f"original tests: {tests(source, test_dir)}")
    print(f"original mypy errors: {mypy(source, package)}; "
          f"--disallow-untyped-defs: {mypy(source, package, '--disallow-untyped-defs')}")
    for label, options in CONFIGURATIONS.items():
        folder = os.path.join(work, re.sub(r"\W+", "_", label))
        shutil.copytree(source, folder)
        config = os.path.join(work, "codemods.toml")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write("[tool.codemods]\n[tool.codemods.type-hints]\n" + options.format(root=folder))
        codemod = os.path.join(BIN, "codemod")
        applied = run([codemod, "apply", "--select", "type-hints", "--config", config, "--no-cache", package], folder)
        print(f"\n== {label}\napply: exit {applied.returncode} {applied.stderr.strip()[-300:]}")
        totals = count(source, folder, package)
        bare = totals.get("slots bare before", 0)

        def share(key: str, totals=totals, bare=bare) -> str:
            return f"{totals.get(key, 0)} ({100 * totals.get(key, 0) / max(bare, 1):.1f}% of bare slots)"

        print(f"defs: {totals['defs']}, with bare slots before: {totals.get('defs with bare slots before', 0)}")
        print(f"defs with at least one inferred type: {totals.get('defs with an inferred type', 0)} "
              f"({100 * totals.get('defs with an inferred type', 0) / totals['defs']:.1f}%); "
              f"fully inferred: {totals.get('defs fully inferred', 0)}")
        print(f"bare slots: {bare}; inferred {share('slots inferred')}, placeholder {share('slots placeholder')}, "
              f"left bare {share('slots left bare')}")
        print(f"tests after: {tests(folder, test_dir)}")
        print(f"mypy errors after: {mypy(folder, package)}; "
              f"--disallow-untyped-defs: {mypy(folder, package, '--disallow-untyped-defs')}")
        again = run([codemod, "check", "--select", "type-hints", "--config", config, "--no-cache", package], folder)
        print(f"second check: exit {again.returncode} (0 = nothing left to change)")


if __name__ == "__main__":
    main()
