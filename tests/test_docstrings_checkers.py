"""The docstrings the ``docstrings`` codemod writes pass the checkers people run.

Every case of ``tests/cases/docstrings`` is copied into one temporary tree (inputs
and outputs, one folder per docstring style), and each checker runs once over it:

* ``ruff check --select D`` with the pydocstyle convention of the style (Google,
  numpy; Sphinx has none, so pep257): an output file may not have more findings of
  any code than its input had;
* ``pydoclint`` with the style and the ``allow-init-docstring`` value the case was
  written for: no argument, return, yield or raise mismatch in any output.
"""

from __future__ import annotations

import ast
import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from tests.test_cases import CASES, _settings

CONVENTION = {"google": "google", "numpy": "numpy", "sphinx": "pep257"}
#: cases whose style comes from the module itself (style = "auto").
AUTO_STYLE = {"auto_numpy": "numpy", "auto_sphinx": "sphinx"}
#: ruff documents D206 ("indent with spaces") as incompatible with tab-indented
#: code: in such a file every multi-line docstring has it, whatever its content.
TAB_CASES_IGNORE = {"D206"}
#: ``raise problem`` (a variable): the codemod documents the class it was built
#: from, or nothing when it is unknown (an argument); pydoclint wants the variable's
#: name listed as if it were a class. Checked by test_raise_variable instead.
#: ``-> "None"`` and ``-> "Iterator[str]"`` (string annotations): pydoclint reads
#: the quoted text as an opaque type, so it wants a Returns section for a function
#: that returns nothing and no Yields for a generator; the codemod documents what
#: the annotation means (pinned by the case itself).
PYDOCLINT_EXCLUDED = {"raise_variable", "string_annotations"}
#: pydoclint codes that compare a docstring with its signature and body.
MISMATCH_PREFIXES = ("DOC1", "DOC2", "DOC3", "DOC4", "DOC5")
#: whether the *signature* has type hints: about the input code, not the docstring.
SIGNATURE_HINT_CODES = {"DOC106", "DOC107", "DOC108", "DOC109", "DOC110", "DOC111"}
#: type consistency of Returns/Yields, which pydoclint can only see satisfied
#: through a return annotation; reported for unannotated functions whatever they say.
ANNOTATION_TYPE_CODES = {"DOC203", "DOC403", "DOC404"}

RUFF = shutil.which("ruff", path=os.path.dirname(sys.executable))
PYDOCLINT = shutil.which("pydoclint", path=os.path.dirname(sys.executable))


def _case_style(name: str, options: Dict) -> str:
    return options.get("style") if options.get("style", "auto") != "auto" else AUTO_STYLE.get(name, "google")


def _group(options: Dict) -> str:
    """The pydoclint settings a case was written for, as a folder name."""
    init_mode = options.get("init-args-in", "class")
    typed = "typed" if options.get("types-in-docstring", True) else "untyped"
    return f"{init_mode}-{typed}"


@pytest.fixture(scope="module")
def case_tree(tmp_path_factory) -> Tuple[Path, List[Tuple[str, str, str, Path]]]:
    """Copies of every case: ``<style>/<group>/{in,out}/<name>.py``."""
    root = tmp_path_factory.mktemp("docstring_cases")
    cases = []
    for source in sorted((CASES / "docstrings").glob("*.in.py")):
        name = source.name[: -len(".in.py")]
        options = _settings(source).get("options", {})
        style = _case_style(name, options)
        group = _group(options)
        expected = source.with_name(f"{name}.out.py")
        folder = root / style / group
        for kind, path in (("in", source), ("out", expected if expected.exists() else source)):
            (folder / kind).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / kind / f"{name}.py")
        cases.append((name, style, group, folder))
    for style, convention in CONVENTION.items():
        if (root / style).is_dir():
            (root / style / "ruff.toml").write_text(
                f'[lint]\nselect = ["D"]\n[lint.pydocstyle]\nconvention = "{convention}"\n', encoding="utf-8")
    return root, cases


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed")
def test_ruff_finds_nothing_new(case_tree) -> None:
    root, cases = case_tree
    completed = subprocess.run([RUFF, "check", "--no-cache", "--output-format", "json", "--exit-zero", str(root)],
                               capture_output=True, text=True, cwd=root, check=True)
    counts: Dict[Path, collections.Counter] = collections.defaultdict(collections.Counter)
    for finding in json.loads(completed.stdout):
        counts[Path(finding["filename"]).resolve()][finding["code"]] += 1
    new = []
    for name, _style, _mode, folder in cases:
        before = counts[(folder / "in" / f"{name}.py").resolve()]
        after = counts[(folder / "out" / f"{name}.py").resolve()]
        ignored = TAB_CASES_IGNORE if name.startswith("tabs_") else set()
        new.extend(f"{name}: {code} x{after[code] - before[code]}"
                   for code in after if code not in ignored and after[code] > before[code])
    assert not new, new
    # the check has teeth: the inputs do miss docstrings that the outputs have
    assert sum(c["D103"] for p, c in counts.items() if "/in/" in str(p)) > sum(
        c["D103"] for p, c in counts.items() if "/out/" in str(p))


def _definitions_by_line(path: Path) -> Dict[int, ast.AST]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.lineno: node for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _returns_a_value(node: ast.AST) -> bool:
    """A ``return <value>`` other than ``return None`` in the function itself."""
    pending = list(getattr(node, "body", []))
    while pending:
        child = pending.pop()
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(child, ast.Return) and child.value is not None and not (
                isinstance(child.value, ast.Constant) and child.value.value is None):
            return True
        pending.extend(ast.iter_child_nodes(child))
    return False


def _depends_on_missing_annotation(code: str, node: ast.AST) -> bool:
    """Findings pydoclint reports for a function without a return annotation
    whatever its docstring says: the type checks of Returns/Yields, and a Returns
    section it wants for a bare ``return``/``return None`` (the codemod writes
    Returns only for functions that return a value)."""
    if getattr(node, "returns", "absent") is not None:
        return False
    return code in ANNOTATION_TYPE_CODES or (code == "DOC201" and not _returns_a_value(node))


def _pydoclint(folder: Path, style: str, group: str) -> List[Tuple[Path, int, str, str]]:
    init_mode, typed = group.split("-")
    command = [PYDOCLINT, "--quiet", f"--style={style}", "--check-class-attributes=False",
               f"--allow-init-docstring={init_mode == 'init'}",
               f"--arg-type-hints-in-docstring={typed == 'typed'}", f"--check-return-types={typed == 'typed'}",
               f"--check-yield-types={typed == 'typed'}",
               "--exclude", "|".join(PYDOCLINT_EXCLUDED), str(folder)]
    completed = subprocess.run(command, capture_output=True, text=True)
    assert completed.returncode in (0, 1), completed.stderr
    findings, current = [], None
    for line in (completed.stdout + completed.stderr).splitlines():  # pydoclint reports on stderr
        if line and not line.startswith(" "):
            current = Path(line.strip())
            continue
        number, _, rest = line.strip().partition(": ")
        code, _, message = rest.partition(": ")
        if current is not None and number.isdigit():
            path = current if current.is_absolute() else folder / current
            findings.append((path, int(number), code, message))
    return findings


def _mismatches(findings, kind: Optional[str]) -> collections.Counter:
    """(file, definition, code) of every docstring/signature mismatch in the folder
    ``kind`` ("in" or "out"; None: anywhere)."""
    found: collections.Counter = collections.Counter()
    for path, line, code, message in findings:
        if (kind is not None and path.parent.name != kind) or not code.startswith(MISMATCH_PREFIXES) or code in SIGNATURE_HINT_CODES:
            continue
        node = _definitions_by_line(path).get(line)
        if node is not None and _depends_on_missing_annotation(code, node):
            continue
        label = message.split("`")[1] if "`" in message else str(line)
        found[(path.stem, label, code)] += 1
    return found


@pytest.mark.skipif(PYDOCLINT is None, reason="pydoclint is not installed (pip install pydoclint)")
def test_pydoclint_finds_no_mismatch(case_tree) -> None:
    """No mismatch in any docstring the codemod wrote; amended docstrings (update)
    keep none they did not have (Returns of a hand-written docstring is the
    author's), and lose their argument mismatches."""
    root, _cases = case_tree
    new: List[str] = []
    fixed_argument_mismatches = 0
    groups = [(style, group.name) for style in CONVENTION if (root / style).is_dir()
              for group in sorted((root / style).iterdir()) if group.is_dir()]
    assert len(groups) >= 4
    for style, group in groups:
        findings = _pydoclint(root / style / group, style, group)
        before, after = _mismatches(findings, "in"), _mismatches(findings, "out")
        new.extend(f"{style}/{group}: {key} x{after[key] - before[key]}" for key in after if after[key] > before[key])
        fixed_argument_mismatches += sum(1 for key in before if key[2].startswith("DOC1") and key not in after)
    assert not new, "\n".join(new)
    assert fixed_argument_mismatches >= 3  # the update cases repair their argument lists


@pytest.mark.skipif(PYDOCLINT is None, reason="pydoclint is not installed (pip install pydoclint)")
def test_pydoclint_would_catch_a_wrong_skeleton(tmp_path) -> None:
    """The filters above keep real mismatches: a wrong argument name is reported."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "wrong.py").write_text(
        'def f(a: int) -> int:\n    """F.\n\n    Args:\n        b (int): TODO: describe.\n\n'
        '    Returns:\n        int: TODO: describe.\n    """\n    return a\n', encoding="utf-8")
    found = _mismatches(_pydoclint(tmp_path, "google", "class-typed"), "out")
    assert ("wrong", "f", "DOC103") in found, found
