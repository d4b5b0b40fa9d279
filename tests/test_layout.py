"""The package's shape: every built-in codemod's declaration imports without libcst,
and no module of ``codemods`` takes part in an import cycle (imports inside
functions count: a lazy import that closes a cycle only hides it until the day
something imports in another order)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from typing import Dict, List, Set

import pytest

from tests.helpers import REPO

PACKAGE = os.path.join(REPO, "codemods")


def _module_files() -> Dict[str, str]:
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                parts = os.path.relpath(path, REPO)[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts.pop()
                found[".".join(parts)] = path
    return found


def _imports(path: str, module: str, known: Set[str], is_package: bool) -> Set[str]:
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    package = module if is_package else module.rpartition(".")[0]
    targets: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else base)
    return {target for target in targets if target in known and target != module}


def _cycle(graph: Dict[str, Set[str]]) -> List[str]:
    state: Dict[str, int] = {}
    stack: List[str] = []

    def visit(node: str) -> List[str]:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_codemods_has_no_import_cycle() -> None:
    files = _module_files()
    known = set(files)
    graph = {module: _imports(path, module, known, path.endswith("__init__.py")) for module, path in files.items()}
    assert graph["codemods.engine.pipeline"], "the import graph came out empty: the scan is broken"
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def _builtin_packages() -> List[str]:
    folder = os.path.join(PACKAGE, "transforms")
    return sorted(name for name in os.listdir(folder)
                  if os.path.isfile(os.path.join(folder, name, "__init__.py")) and not name.startswith("_"))


def test_every_builtin_codemod_is_a_package() -> None:
    from codemods.registry import builtin_codemods

    packages = _builtin_packages()
    assert {codemod.id.replace("-", "_") for codemod in builtin_codemods().values()} == set(packages)
    for codemod in builtin_codemods().values():
        folder = codemod.id.replace("-", "_")
        assert codemod.__module__ == f"codemods.transforms.{folder}"
        assert codemod.rewriter.startswith(f"codemods.transforms.{folder}."), codemod.rewriter


@pytest.mark.parametrize("package", _builtin_packages())
def test_declaration_imports_without_libcst(package: str) -> None:
    """The runner imports every declaration to run the detectors: libcst must wait
    until a file needs it (detect() included, on a file with something to do)."""
    script = (
        "import ast, sys\n"
        f"import codemods.transforms.{package} as declaration\n"
        "from codemods.registry import builtin_codemods\n"
        "assert 'libcst' not in sys.modules, 'importing the declaration imported libcst'\n"
        "for codemod in builtin_codemods().values():\n"
        "    if codemod.__module__ == declaration.__name__:\n"
        "        for example in codemod.examples:\n"
        "            codemod(codemod.options).detect(ast.parse(example.before), example.before)\n"
        "assert 'libcst' not in sys.modules, 'detect() imported libcst'\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr


def test_every_rewriter_loads() -> None:
    from codemods.registry import builtin_codemods

    for codemod in builtin_codemods().values():
        assert isinstance(codemod.load_rewriter(), type), codemod.id
