"""Run unused-imports and unused-variables over a copy of the CPython standard library.

    .venv/bin/python scripts/stdlib_unused.py [--source DIR] [--work DIR] [--jobs 2] [--tests 40]

Steps (each prints its figures; a JSON summary goes to WORK/summary.json):

1. copy the standard library (``*.py`` and data files; no site-packages, no
   __pycache__) twice: WORK/original (never modified) and WORK/modified;
2. ``codemod apply --select unused-imports,unused-variables --no-cache -j N`` on
   WORK/modified through the real CLI (JSON report kept in WORK/run1.json): files
   changed, names removed, findings, crashes (internal errors), other errors;
3. ``compile()`` every changed file with the standard library's own interpreter;
4. a second identical run: how many files it would still change;
5. ``ruff check --select F401,F841`` on WORK/original; every removal of ours and every
   ruff report is matched by (file, line, name) and the differences are classified;
6. the standard library's own tests for a sample of the changed modules, run with
   ``python -X frozen_modules=off -m test`` and the modified copy first on the path,
   then the same tests against WORK/original, and the outcomes compared.
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Sequence, Set, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.dirname(sys.executable)
DEFAULT_SOURCE = "/root/.pyenv/versions/3.11.7/lib/python3.11"
STDLIB_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3.11"
SKIP_FOLDERS = {"site-packages", "__pycache__", "lib-dynload"}
#: test modules too slow or too resource-hungry for a sample run on two shared cores
SLOW_TESTS = {"test_asyncio", "test_concurrent_futures", "test_multiprocessing_fork",
              "test_multiprocessing_forkserver", "test_multiprocessing_spawn", "test_capi",
              "test_lib2to3", "test_tools", "test_peg_generator", "test_venv", "test_regrtest",
              "test_subprocess", "test_socket", "test_ssl", "test_signal", "test_threading",
              "test_tkinter", "test_ttk", "test_idle", "test_gdb", "test_zipfile64", "test_bigmem",
              "test_largefile", "test_io", "test_decimal", "test_compileall", "test_embed"}

Key = Tuple[str, int, str]  # relative file, line, name


def copy_stdlib(source: str, target: str) -> None:
    if os.path.exists(target):
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns(*SKIP_FOLDERS, "*.pyc")
    shutil.copytree(source, target, ignore=ignore, symlinks=True)


def run_codemod(path: str, jobs: int, report: str, select: str = "unused-imports,unused-variables",
                extra: Sequence[str] = ()) -> Tuple[dict, float, int]:
    """``codemod apply`` over ``path`` through the real CLI: its JSON report (also
    kept in ``report``), the seconds it took, and its exit code."""
    command = [os.path.join(VENV_BIN, "codemod"), "apply", "--select", select, *extra,
               "--no-cache", "-j", str(jobs), "--output-format", "json", path]
    started = time.time()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=path)
    seconds = time.time() - started
    with open(report, "w", encoding="utf-8") as handle:
        handle.write(completed.stdout)
    if not completed.stdout.strip():
        raise SystemExit(f"codemod produced no report (exit {completed.returncode}): {completed.stderr[-2000:]}")
    return json.loads(completed.stdout), seconds, completed.returncode


def summarise_run(document: dict, root: str) -> dict:
    records = document["records"]
    fixes = [r for r in records if r["kind"] == "fix"]
    errors = [r for r in records if r["kind"] == "error"]
    crashes = [r for r in errors if "internal error" in r["message"] or "did not converge" in r["message"]]
    changed = [f for f in document["files"] if f["status"] == "changed"]
    return {
        "files": document["summary"]["files"],
        "files_changed": len(changed),
        "fixes": len(fixes),
        "fixes_by_codemod": dict(collections.Counter(r["codemod"] for r in fixes)),
        "findings": sum(1 for r in records if r["kind"] == "finding"),
        "findings_by_codemod": dict(collections.Counter(r["codemod"] for r in records if r["kind"] == "finding")),
        "crashes": len(crashes),
        "crash_messages": [f"{os.path.relpath(r['file'], root)}: {r['message']}" for r in crashes][:20],
        "other_errors": len(errors) - len(crashes),
        "other_error_examples": sorted({r["message"].split(":")[0] for r in errors if r not in crashes})[:10],
        "changed_files": sorted(os.path.relpath(f["file"], root) for f in changed),
    }


def compile_changed(root: str, files: List[str]) -> List[str]:
    """Files that the standard library's own interpreter cannot compile."""
    script = ("import sys\nbad = []\nfor path in sys.argv[1:]:\n"
              "    try:\n        compile(open(path, 'rb').read(), path, 'exec')\n"
              "    except Exception as error:\n        bad.append(f'{path}: {error}')\n"
              "print('\\n'.join(bad))\n")
    failures: List[str] = []
    for start in range(0, len(files), 200):
        chunk = [os.path.join(root, f) for f in files[start:start + 200]]
        output = subprocess.run([STDLIB_PYTHON, "-c", script, *chunk], capture_output=True, text=True).stdout
        failures.extend(line for line in output.splitlines() if line.strip())
    return failures


# -- comparison with ruff ------------------------------------------------------------

_BACKTICKED = re.compile(r"`([^`]+)`")


def _leaf(name: str) -> str:
    return name.split(" as ")[0].rsplit(".", 1)[-1]


def our_removals(document: dict, root: str) -> Dict[str, List[Key]]:
    found: Dict[str, List[Key]] = {"F401": [], "F841": []}
    for record in document["records"]:
        names = _BACKTICKED.findall(record["message"])
        if record["kind"] != "fix" or not names:
            continue
        code = "F401" if record["codemod"] == "unused-imports" else "F841"
        found[code].append((os.path.relpath(record["file"], root), record["line"], _leaf(names[0])))
    return found


def our_findings(document: dict, root: str) -> Set[Tuple[str, str]]:
    """(file, name) of every report-only finding (lines refer to the rewritten text)."""
    return {(os.path.relpath(r["file"], root), _leaf(_BACKTICKED.findall(r["message"])[0]))
            for r in document["records"] if r["kind"] == "finding" and _BACKTICKED.findall(r["message"])}


def ruff_reports(root: str) -> Dict[str, List[Key]]:
    command = [os.path.join(VENV_BIN, "ruff"), "check", "--select", "F401,F841", "--isolated", "--no-cache",
               "--output-format", "json", "--target-version", "py311", "--exit-zero", "."]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=root)
    found: Dict[str, List[Key]] = {"F401": [], "F841": []}
    found["unreadable"] = re.findall(r"Failed to lint (\S+):", completed.stderr)  # type: ignore[assignment]
    for item in json.loads(completed.stdout or "[]"):
        names = _BACKTICKED.findall(item["message"])
        if item["code"] in found and names:
            relative = os.path.relpath(item["filename"], root)
            found[item["code"]].append((relative, item["location"]["row"], _leaf(names[0])))
    return found


def match(ours: List[Key], theirs: List[Key]) -> Tuple[int, List[Key], List[Key]]:
    """Pair removals by file and name (our line numbers drift after earlier removals
    in later rounds, so lines only order the pairing)."""
    groups: Dict[Tuple[str, str], Tuple[List[Key], List[Key]]] = collections.defaultdict(lambda: ([], []))
    for key in ours:
        groups[(key[0], key[2])][0].append(key)
    for key in theirs:
        groups[(key[0], key[2])][1].append(key)
    both, ours_only, theirs_only = 0, [], []
    for mine, other in groups.values():
        mine.sort()
        other.sort()
        paired = min(len(mine), len(other))
        both += paired
        ours_only.extend(mine[paired:])
        theirs_only.extend(other[paired:])
    return both, sorted(ours_only), sorted(theirs_only)


class _Context:
    """What the original source says around one reported line, for classifying."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.cache: Dict[str, Optional[Tuple[ast.Module, List[str]]]] = {}
        self.unreadable_by_ruff: Set[str] = set()

    def load(self, relative: str):
        if relative not in self.cache:
            try:
                with open(os.path.join(self.root, relative), "rb") as handle:
                    source = handle.read().decode("utf-8", "replace")
                self.cache[relative] = (ast.parse(source), source.splitlines())
            except (SyntaxError, ValueError, OSError):
                self.cache[relative] = None
        return self.cache[relative]

    def ancestors(self, relative: str, line: int) -> Tuple[Optional[ast.AST], List[ast.AST]]:
        """The innermost statement starting at ``line`` and the nodes around it."""
        loaded = self.load(relative)
        if loaded is None:
            return None, []
        tree, _ = loaded
        best: Tuple[Optional[ast.AST], List[ast.AST]] = (None, [])

        def walk(node: ast.AST, chain: List[ast.AST]) -> None:
            nonlocal best
            for child in ast.iter_child_nodes(node):
                start, end = getattr(child, "lineno", None), getattr(child, "end_lineno", None)
                if start is None or (start <= line <= (end or start)):
                    if isinstance(child, ast.stmt) and start is not None:
                        best = (child, chain + [node])
                    walk(child, chain + [node])

        walk(tree, [])
        return best

    def text(self, relative: str) -> str:
        loaded = self.load(relative)
        return "\n".join(loaded[1]) if loaded else ""


_CALLER_FRAMES = re.compile(r"\b(f_locals|getargvalues|currentframe|getouterframes|getinnerframes|"
                            r"inspect\.stack|inspect\.trace|settrace|setprofile|set_trace|f_lineno|__code__|co_varnames|"
                            r"co_nlocals|code_info|show_code|get_instructions|Bytecode|getrefcount|get_referrers|"
                            r"get_referents|get_objects|get_count)\b")
_OWN_LOCALS = re.compile(r"\b(locals|vars|eval|exec)\s*\(|(?<![\w.])dir\(\)")
_SIDE_EFFECT_MODULES = {"readline", "rlcompleter", "this", "antigravity", "__hello__", "__phello__",
                        "sitecustomize", "usercustomize", "encodings"}
_TEST_NAMES = re.compile(r"^(load_tests|setUpModule|tearDownModule|pytest_plugins)$|^[Tt]est|(Test|Tests|TestCase)$")


def classify_ruff_only(key: Key, code: str, context: _Context, findings: Set[Tuple[str, str]],
                       skipped: Set[str]) -> str:
    """Why we did not remove what ruff reports (our rule that applies, checked on the
    original source)."""
    relative, line, name = key
    if relative in skipped:
        return "file not rewritten: CPython or libcst cannot parse it, or libcst cannot reproduce it"
    statement, chain = context.ancestors(relative, line)
    loaded = context.load(relative)
    source_line = loaded[1][line - 1] if loaded and line - 1 < len(loaded[1]) else ""
    text = context.text(relative)
    if (relative, name) in findings:
        return "reported for a hand fix instead (dynamic namespace, or a value that may have effects)"
    if re.search(r"#\s*noqa", source_line, re.IGNORECASE):
        return "noqa comment"
    if code == "F401":
        module_level = not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in chain)
        if os.path.basename(relative) == "__init__.py":
            return "package __init__.py (kept by default)"
        if any(isinstance(n, ast.Try) and any(_catches_import_error(h) for h in n.handlers) for n in chain):
            return "availability probe (try/except ImportError)"
        if any(isinstance(n, (ast.With, ast.AsyncWith)) for n in chain):
            return "import under a with block"
        function = next((n for n in reversed(chain) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        if function is not None and all(isinstance(n, (ast.Import, ast.ImportFrom)) or (
                isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in function.body):
            return "function whose body is only imports (called for the import)"
        if any(isinstance(n, ast.ClassDef) for n in chain):
            return "class-body import"
        if name.startswith("__") and name.endswith("__"):
            return "dunder import"
        if re.search(r"^from\s+\S+\s+import\s+\*", text, re.MULTILINE):
            return "facade module with a star import"
        tree = loaded[0] if loaded else None
        if tree is not None and all(isinstance(n, (ast.Import, ast.ImportFrom)) or (
                isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in tree.body):
            return "module that only imports (re-exports or loads modules)"
        if tree is not None and any(isinstance(n, ast.ImportFrom) and n.module == "__future__" and i > 1
                                    for i, n in enumerate(tree.body)):
            return "misplaced __future__ import: the module does not compile; left as is"
        if module_level and _TEST_NAMES.search(name):
            return "test-runner protocol name or test case (collected by name)"
        if module_level and re.search(r"\bdef\s+\w+\([^)]*\b" + re.escape(name) + r"\b", text):
            return "also a parameter name (pytest fixture)"
        if (module_level and isinstance(statement, ast.ImportFrom) and "__all__" not in text
                and any(p.startswith("_") for p in (statement.module or "").split("."))):
            return "re-export from a private implementation module (no __all__)"
        if isinstance(statement, ast.Import) and any("." in a.name and not a.asname for a in statement.names):
            return "dotted import of a first-party module (side-effect import)"
        if isinstance(statement, ast.ImportFrom) and _names_a_submodule(context.root, relative, statement, name):
            return "from-import of a first-party submodule (side-effect import)"
        if isinstance(statement, ast.ImportFrom) and _imports_back(context.root, relative, statement):
            return "import cycle: the imported module imports this one back"
        if isinstance(statement, ast.Import) and name in _SIDE_EFFECT_MODULES:
            return "module imported for what importing it does (encodings, readline, this...)"
        if re.search(r"\b" + re.escape(name) + r"\b", _strings_and_comments(text)):
            return "name read in a type comment, string annotation, doctest, template or eval literal"
        return "other (see examples)"
    if name.startswith("_"):
        return "dummy or dunder name (starts with _)"
    function = next((n for n in reversed(chain) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    if function is None:
        return "module-level or class-level binding (only function scopes are touched)"
    if isinstance(statement, (ast.For, ast.AsyncFor)) or (
            isinstance(statement, ast.Assign) and any(isinstance(t, (ast.Tuple, ast.List)) for t in statement.targets)):
        return "unpacking or loop target (renamed to _ only with --unsafe-fixes)"
    if any(isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name) and n.target.id == name
           for n in ast.walk(function)):
        return "walrus binding (never touched)"
    if any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Store) for n in ast.walk(function)):
        return "read elsewhere in the function (ruff judges each binding: e.g. read on the next loop iteration)"
    if _CALLER_FRAMES.search(text):
        return "module watches its own execution (frame locals, tracing, code objects, the heap)"
    function_source = ast.get_source_segment(text, function) or "" if function is not None else ""
    if _OWN_LOCALS.search(function_source):
        return "function reads its locals dynamically (locals/vars/eval/exec)"
    if re.search(r"[{(]" + re.escape(name) + r"\b|\b" + re.escape(name) + r"\b", _strings_and_comments(text)):
        return "name appears in a string template, annotation or doctest"
    return "other (see examples)"


def classify_ours_only(key: Key, code: str, context: _Context, theirs: Set[Tuple[str, str]]) -> str:
    relative, line, name = key
    statement, _ = context.ancestors(relative, line)
    if code == "F841" and (relative, name) in theirs:
        return "another assignment of a name ruff reports once per function"
    if relative in context.unreadable_by_ruff:
        return "file ruff cannot read (not UTF-8: a coding cookie)"
    if code == "F841" and re.search(r"^\s*" + re.escape(name) + r"\s*=.*#\s*noqa", context.text(relative),
                                    re.MULTILINE | re.IGNORECASE):
        return "ruff's one report for the name falls on a later `# noqa` assignment"
    if code == "F401":
        return "duplicate import (ruff reports F811, not F401)" if _is_duplicate(context, relative, name) \
            else "other (see examples)"
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return "with ... as name (ruff: only flags it with preview rules)"
    if isinstance(statement, ast.Try):
        return "except ... as name (ruff matched on another line)"
    if isinstance(statement, ast.Assign) and len(statement.targets) > 1:
        return "chained assignment target"
    return "other (see examples)"


def _is_duplicate(context: _Context, relative: str, name: str) -> bool:
    text = context.text(relative)
    pattern = r"^\s*(?:import|from)\s.*\b" + re.escape(name) + r"\b"
    return len(re.findall(pattern, text, re.MULTILINE)) > 1


def _imported_folder(root: str, relative: str, statement: ast.ImportFrom) -> str:
    folder = os.path.dirname(os.path.join(root, relative))
    if statement.level:
        for _ in range(statement.level - 1):
            folder = os.path.dirname(folder)
        return os.path.join(folder, *(statement.module or "").split(".")) if statement.module else folder
    return os.path.join(root, *(statement.module or "").split("."))


def _names_a_submodule(root: str, relative: str, statement: ast.ImportFrom, name: str) -> bool:
    base = os.path.join(_imported_folder(root, relative, statement), name)
    return os.path.isdir(base) or os.path.isfile(base + ".py")


def _imports_back(root: str, relative: str, statement: ast.ImportFrom) -> bool:
    """The module ``statement`` imports has an import line naming this module."""
    base = _imported_folder(root, relative, statement)
    own = os.path.splitext(os.path.basename(relative))[0]
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(candidate) and os.path.abspath(candidate) != os.path.abspath(os.path.join(root, relative)):
            with open(candidate, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            return re.search(r"^[ \t]*(?:from|import)[ \t][^\n]*\b" + re.escape(own) + r"\b", text, re.MULTILINE) is not None
    return False


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = [ast.unparse(t) for t in (handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type])]
    return any(n.rsplit(".", 1)[-1] in ("ImportError", "ModuleNotFoundError", "Exception", "BaseException")
               for n in names)


def _strings_and_comments(text: str) -> str:
    parts = re.findall(r"#[^\n]*", text)
    parts += re.findall(r"(\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"[^\"\n]*\"|'[^'\n]*')", text)
    return "\n".join(parts)


def compare_with_ruff(ours: Dict[str, List[Key]], ruff: Dict[str, List[Key]], context: _Context,
                      findings: Set[Tuple[str, str]], skipped: Set[str]) -> dict:
    result = {}
    for code in ("F401", "F841"):
        both, ours_only, ruff_only = match(ours[code], ruff[code])
        ruff_classes: Dict[str, List[str]] = collections.defaultdict(list)
        for key in ruff_only:
            ruff_classes[classify_ruff_only(key, code, context, findings, skipped)].append(f"{key[0]}:{key[1]} {key[2]}")
        ours_classes: Dict[str, List[str]] = collections.defaultdict(list)
        theirs = {(key[0], key[2]) for key in ruff[code]}
        for key in ours_only:
            ours_classes[classify_ours_only(key, code, context, theirs)].append(f"{key[0]}:{key[1]} {key[2]}")
        result[code] = {
            "ours": len(ours[code]), "ruff": len(ruff[code]), "both": both,
            "ruff_only": len(ruff_only), "ours_only": len(ours_only),
            "ruff_only_classes": {k: {"count": len(v), "examples": v[:8]} for k, v in
                                  sorted(ruff_classes.items(), key=lambda kv: -len(kv[1]))},
            "ours_only_classes": {k: {"count": len(v), "examples": v[:8]} for k, v in
                                  sorted(ours_classes.items(), key=lambda kv: -len(kv[1]))},
        }
    return result


# -- the standard library's own tests ------------------------------------------------

def pick_tests(root: str, changed: List[str], count: int) -> List[str]:
    available = {name[:-3] if name.endswith(".py") else name
                 for name in os.listdir(os.path.join(root, "test")) if name.startswith("test_")}
    wanted: Set[str] = set()
    for relative in changed:
        parts = relative[:-3].split(os.sep)
        if parts[0] == "test" and len(parts) > 1 and parts[1].startswith("test_"):
            wanted.add(parts[1])
            continue
        if parts[0] in ("test", "idlelib", "lib2to3", "tkinter", "turtledemo", "ensurepip"):
            continue
        stem = parts[0] if parts[-1] == "__init__" or len(parts) > 1 else parts[-1]
        for candidate in (f"test_{stem}", f"test_{parts[-1]}"):
            if candidate in available:
                wanted.add(candidate)
    ordered = sorted(wanted - SLOW_TESTS)
    if len(ordered) <= count:
        return ordered
    step = len(ordered) / count
    return [ordered[int(i * step)] for i in range(count)]


def run_one_test(root: str, name: str, timeout: int) -> Tuple[str, str, float]:
    env = dict(os.environ, PYTHONPATH=root, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONHOME", None)
    started = time.time()
    try:
        completed = subprocess.run(
            [STDLIB_PYTHON, "-X", "frozen_modules=off", "-m", "test", "--timeout", str(timeout), name],
            capture_output=True, text=True, env=env, cwd="/tmp", timeout=timeout + 60)
        output = completed.stdout + completed.stderr
        match = re.search(r"Result: ([A-Z_ ,]+)", output)
        outcome = match.group(1).strip() if match else f"exit {completed.returncode}"
        # FAILURE before and after can hide new failures: compare the counts too
        totals = re.search(r"Total tests: (.+)", output)
        if totals:
            outcome = f"{outcome} ({totals.group(1).strip()})"
    except subprocess.TimeoutExpired:
        outcome, output = "TIMEOUT", ""
    return outcome, output[-3000:], time.time() - started


def check_path_order(root: str) -> str:
    env = dict(os.environ, PYTHONPATH=root)
    probe = "import os, json, test, collections; print(os.__file__, json.__file__, test.__file__, collections.__file__)"
    return subprocess.run([STDLIB_PYTHON, "-X", "frozen_modules=off", "-c", probe], capture_output=True,
                          text=True, env=env, cwd="/tmp").stdout.strip()


def run_tests(work: str, tests: List[str], jobs: int, timeout: int) -> dict:
    results = {}

    def both(name: str):
        modified = run_one_test(os.path.join(work, "modified"), name, timeout)
        original = run_one_test(os.path.join(work, "original"), name, timeout)
        return name, modified, original

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, modified, original in pool.map(both, tests):
            results[name] = {"modified": modified[0], "original": original[0],
                             "seconds": round(modified[2], 1),
                             "modified_tail": modified[1][-1500:] if modified[0] != original[0] else ""}
            print(f"  {name}: modified {modified[0]}, original {original[0]}", flush=True)
    return results


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--work", default="/tmp/stdlib-unused")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tests", type=int, default=40, help="how many test modules to run (0: none)")
    parser.add_argument("--test-timeout", type=int, default=600)
    parser.add_argument("--also", default="", help="comma-separated test modules to run as well")
    parser.add_argument("--reuse", action="store_true", help="reuse WORK/run1.json and the modified copy")
    args = parser.parse_args(argv)
    original, modified = os.path.join(args.work, "original"), os.path.join(args.work, "modified")
    summary: dict = {"source": args.source}
    previous = os.path.join(args.work, "summary.json")
    if args.reuse and os.path.exists(previous):
        with open(previous, encoding="utf-8") as handle:
            summary = json.load(handle)  # keep the test results of the earlier run

    if not args.reuse:
        summary = {"source": args.source}
        print(f"copying {args.source} to {args.work}", flush=True)
        copy_stdlib(args.source, original)
        copy_stdlib(args.source, modified)
        document, seconds, _ = run_codemod(modified, args.jobs, os.path.join(args.work, "run1.json"))
    else:
        with open(os.path.join(args.work, "run1.json"), encoding="utf-8") as handle:
            document, seconds = json.load(handle), 0.0
    run1 = summarise_run(document, modified)
    run1["seconds"] = round(seconds, 1)
    summary["run1"] = run1
    print(f"run 1: {run1['files']} files, {run1['files_changed']} changed, {run1['fixes']} fixes "
          f"{run1['fixes_by_codemod']}, {run1['findings']} findings, {run1['crashes']} crashes, "
          f"{run1['other_errors']} other errors, {run1['seconds']} s", flush=True)

    failures = compile_changed(modified, run1["changed_files"])
    summary["not_compiling"] = failures
    print(f"changed files that do not compile: {len(failures)}", flush=True)

    if not args.reuse or not os.path.exists(os.path.join(args.work, "run2.json")):
        document2, seconds2, _ = run_codemod(modified, args.jobs, os.path.join(args.work, "run2.json"))
    else:
        with open(os.path.join(args.work, "run2.json"), encoding="utf-8") as handle:
            document2, seconds2 = json.load(handle), 0.0
    run2 = summarise_run(document2, modified)
    summary["run2"] = {k: v for k, v in run2.items() if k != "changed_files"}
    summary["run2"]["changed_files"] = run2["changed_files"]
    summary["run2"]["seconds"] = round(seconds2, 1)
    print(f"run 2: {run2['files_changed']} files changed, {run2['fixes']} fixes, {run2['crashes']} crashes", flush=True)

    context = _Context(original)
    skipped = {os.path.relpath(r["file"], modified) for r in document["records"] if r["kind"] == "error"}
    ruff = ruff_reports(original)
    context.unreadable_by_ruff = set(ruff.pop("unreadable"))  # type: ignore[arg-type]
    comparison = compare_with_ruff(our_removals(document, modified), ruff, context,
                                   our_findings(document, modified), skipped)
    summary["ruff"] = comparison
    for code, figures in comparison.items():
        print(f"{code}: ours {figures['ours']}, ruff {figures['ruff']}, both {figures['both']}, "
              f"ruff only {figures['ruff_only']}, ours only {figures['ours_only']}", flush=True)
        for title, classes in (("ruff only", figures["ruff_only_classes"]), ("ours only", figures["ours_only_classes"])):
            for name, data in classes.items():
                print(f"  {title}: {data['count']:4d} {name}  e.g. {', '.join(data['examples'][:3])}")

    if args.tests:
        print("path order:", check_path_order(modified), flush=True)
        tests = pick_tests(modified, run1["changed_files"], args.tests)
        tests += [t for t in args.also.split(",") if t and t not in tests]
        print(f"running {len(tests)} test modules against the modified and the original copy", flush=True)
        summary["tests"] = run_tests(args.work, tests, args.jobs, args.test_timeout)
        outcomes = collections.Counter(
            "same" if r["modified"] == r["original"] else f"{r['original']} -> {r['modified']}"
            for r in summary["tests"].values())
        summary["test_outcomes"] = dict(outcomes)
        print("test outcomes:", dict(outcomes), flush=True)

    with open(os.path.join(args.work, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(f"summary: {os.path.join(args.work, 'summary.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
