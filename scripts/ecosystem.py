"""Other projects' own test suites before and after ``codemod apply``.

    .venv/bin/python scripts/ecosystem.py [--work /tmp/codemods-ecosystem] [--only click,attrs]
                                          [--scope package|all] [--markdown docs/results/ecosystem.md]
                                          [--select dead-code] [--unsafe-fixes]

For each pinned project below (pure Python, its tests shipped in the sdist):

1. ``pip download --no-binary :all: --no-deps NAME==VERSION`` and unpack the sdist
   (afresh on every run);
2. a venv per project (kept between runs in WORK/venvs): the project installed
   editable, so its tests import the unpacked source, plus its test dependencies;
3. the project's tests (the command its own tox/CI uses, doctests included);
4. ``codemod apply --no-cache`` with the default (safe) codemods on the package source
   (``--scope package``, the default: the suite then checks the rewritten package as
   its users see it, and a rename that broke the public API would fail it) or on the
   package and its tests (``--scope all``, what ``codemod apply .`` on the checkout does);
5. the tests again, compared with step 3 test by test;
6. ``codemod apply`` a second time: it must change nothing.

Prints a markdown table (and writes it to ``--markdown``): files, files changed, fixes
per codemod, findings, tests before/after, tests that newly fail, second-run changes,
crashes (internal errors, did not converge) and other errors.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.dirname(sys.executable)


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    style: str
    #: the package source, relative to the unpacked sdist
    package: Tuple[str, ...]
    #: its tests (rewritten too with --scope all)
    tests: Tuple[str, ...]
    #: pytest arguments (run from the unpacked sdist)
    pytest_args: Tuple[str, ...]
    test_requires: Tuple[str, ...] = ("pytest==8.3.3",)


PROJECTS = (
    Project("click", "8.1.7", "CLI framework", ("src/click",), ("tests",), ("tests",)),
    Project("more-itertools", "10.5.0", "data library; doctests", ("more_itertools",), ("tests",),
            # a class docstring in the tests that is not a doctest
            ("--doctest-modules", "more_itertools", "tests",
             "--deselect", "tests/test_more.py::tests.test_more.IterOnlyRange")),
    Project("itsdangerous", "2.2.0", "web (signing, serializers)", ("src/itsdangerous",), ("tests",), ("tests",),
            ("pytest==8.3.3", "freezegun==1.5.1")),
    Project("attrs", "24.2.0", "heavy `__init__` re-exports", ("src/attr", "src/attrs"), ("tests",),
            ("tests", "-p", "no:mypy-plugins"), ("pytest==8.3.3", "hypothesis==6.112.1", "pympler==1.1", "cloudpickle==3.0.0")),
    Project("tabulate", "0.9.0", "data formatting; doctests", ("tabulate",), ("test",),
            ("--doctest-modules", "--ignore", "benchmark.py", "tabulate", "test")),
    Project("toolz", "1.0.0", "functional; doctests", ("toolz", "tlz"), ("toolz/tests",),
            ("--doctest-modules", "toolz")),
)


@dataclass
class Outcome:
    counts: Dict[str, int] = field(default_factory=dict)
    failed: List[str] = field(default_factory=list)
    seconds: float = 0.0
    tail: str = ""

    def summary(self) -> str:
        order = ("passed", "failed", "errors", "skipped", "xfailed", "xpassed")
        parts = [f"{self.counts[k]} {k}" for k in order if self.counts.get(k)]
        return ", ".join(parts) or "no result"


def run(command: Sequence[str], cwd: str, timeout: int = 1800, env: Optional[Dict[str, str]] = None):
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env)


def fetch(project: Project, work: str) -> str:
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads, exist_ok=True)
    archive = next((f for f in os.listdir(downloads)
                    if f.lower().replace("_", "-").startswith(f"{project.name}-{project.version}.")), None)
    if archive is None:
        done = run([os.path.join(VENV_BIN, "pip"), "download", "--no-binary", ":all:", "--no-deps",
                    "--quiet", "-d", downloads,
                    f"{project.name}=={project.version}"], cwd=work)
        if done.returncode:
            raise RuntimeError(f"pip download failed: {done.stderr[-1500:]}")
        archive = next(f for f in os.listdir(downloads)
                       if f.lower().replace("_", "-").startswith(f"{project.name}-{project.version}."))
    target = os.path.join(work, "src")
    os.makedirs(target, exist_ok=True)
    with tarfile.open(os.path.join(downloads, archive)) as handle:
        top = handle.getnames()[0].split("/")[0]
        if os.path.exists(os.path.join(target, top)):
            shutil.rmtree(os.path.join(target, top))
        handle.extractall(target, filter="data") if hasattr(tarfile, "data_filter") else handle.extractall(target)
    return os.path.join(target, top)


def make_venv(project: Project, work: str, checkout: str) -> str:
    venv = os.path.join(work, "venvs", project.name)
    python = os.path.join(venv, "bin", "python")
    ready = os.path.join(venv, "codemods-ecosystem-ready")
    if not os.path.exists(ready):
        done = run([sys.executable, "-m", "venv", venv], cwd=work)
        if done.returncode:
            raise RuntimeError(f"venv failed: {done.stderr[-1500:]}")
        done = run([python, "-m", "pip", "install", "--quiet", *project.test_requires], cwd=work)
        if done.returncode:
            raise RuntimeError(f"installing test requirements failed: {done.stderr[-1500:]}")
        with open(ready, "w", encoding="utf-8") as handle:
            handle.write(" ".join(project.test_requires) + "\n")
    # editable every run: the checkout is unpacked afresh (same path)
    done = run([python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", checkout], cwd=work)
    if done.returncode:
        raise RuntimeError(f"installing the project failed: {done.stderr[-1500:]}")
    return python


_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|warnings?)")


def run_tests(python: str, project: Project, checkout: str) -> Outcome:
    started = time.time()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    done = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", "--no-header",
                *project.pytest_args], cwd=checkout, env=env)
    outcome = Outcome(seconds=round(time.time() - started, 1), tail=(done.stdout + done.stderr)[-3000:])
    lines = done.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    for number, kind in _COUNT.findall(last):
        kind = "errors" if kind.startswith("error") else kind
        if not kind.startswith("warning"):
            outcome.counts[kind] = outcome.counts.get(kind, 0) + int(number)
    outcome.failed = sorted(line.split(" - ")[0] for line in lines if line.startswith(("FAILED ", "ERROR ")))
    return outcome


def apply_codemods(targets: Sequence[str], checkout: str, options: Sequence[str] = ()) -> dict:
    command = [os.path.join(VENV_BIN, "codemod"), "apply", "--no-cache", "--output-format", "json", *options,
               *targets]
    done = run(command, cwd=checkout)
    if not done.stdout.strip():
        raise RuntimeError(f"codemod produced no report (exit {done.returncode}): {done.stderr[-1500:]}")
    document = json.loads(done.stdout)
    records = document["records"]
    errors = [r for r in records if r["kind"] == "error"]
    crashes = [r for r in errors if "internal error" in r["message"] or "did not converge" in r["message"]]
    return {
        "exit": done.returncode,
        "files": document["summary"]["files"],
        "changed": sorted(os.path.relpath(f["file"], checkout) if os.path.isabs(f["file"]) else f["file"]
                          for f in document["files"] if f["status"] == "changed"),
        "fixes": dict(collections.Counter(r["codemod"] for r in records if r["kind"] == "fix")),
        "findings": dict(collections.Counter(r["codemod"] for r in records if r["kind"] == "finding")),
        "crashes": [f"{r['file']}:{r['line']}: {r['message']}" for r in crashes],
        "errors": [f"{r['file']}:{r['line']}: {r['message']}" for r in errors if r not in crashes],
        "diff": "".join(f.get("diff", "") for f in document["files"] if f["status"] == "changed"),
    }


def check_project(project: Project, work: str, scope: str, options: Sequence[str] = ()) -> dict:
    started = time.time()
    checkout = fetch(project, work)
    python = make_venv(project, work, checkout)
    before = run_tests(python, project, checkout)
    print(f"  {project.name}: tests before: {before.summary()} ({before.seconds} s)", flush=True)
    targets = [p for p in project.package + (project.tests if scope == "all" else ())
               if os.path.exists(os.path.join(checkout, p))]
    first = apply_codemods(targets, checkout, options)
    print(f"  {project.name}: {len(first['changed'])} of {first['files']} files changed, fixes {first['fixes']}, "
          f"crashes {len(first['crashes'])}, errors {len(first['errors'])}", flush=True)
    with open(os.path.join(work, f"{project.name}.diff"), "w", encoding="utf-8") as handle:
        handle.write(first["diff"])
    after = run_tests(python, project, checkout)
    print(f"  {project.name}: tests after: {after.summary()} ({after.seconds} s)", flush=True)
    second = apply_codemods(targets, checkout, options)
    newly_failing = sorted(set(after.failed) - set(before.failed))
    if newly_failing:
        print(f"  {project.name}: newly failing: {newly_failing[:10]}\n{after.tail[-2000:]}", flush=True)
    return {
        "project": project.name, "version": project.version, "style": project.style,
        "targets": targets, "files": first["files"], "files_changed": len(first["changed"]),
        "changed_files": first["changed"], "fixes": first["fixes"], "findings": first["findings"],
        "tests_before": before.summary(), "tests_after": after.summary(),
        "failing_before": before.failed, "newly_failing": newly_failing,
        "second_run_changes": len(second["changed"]),
        "second_run_files": second["changed"],
        "crashes": first["crashes"] + second["crashes"], "errors": first["errors"],
        "seconds": round(time.time() - started, 1),
    }


def markdown(rows: List[dict], scope: str, options: Sequence[str] = ()) -> str:
    import importlib.metadata

    from codemods import __version__

    lines = [
        "# Other projects' test suites before and after `codemod apply`",
        "",
        f"Generated by `scripts/ecosystem.py --scope {scope}` on {datetime.date.today().isoformat()} "
        f"(codemods {__version__}, libcst {importlib.metadata.version('libcst')}, "
        f"Python {sys.version.split()[0]}). "
        + (f"`codemod apply {' '.join(options)}`" if options else "Default (safe) codemods")
        + ", applied to "
        + ("the package source only; the tests are the project's own, unchanged."
           if scope == "package" else "the package source and its tests."),
        "",
        "| project | style | files | changed | fixes per codemod | findings | tests before | tests after "
        "| newly failing | second-run changes | crashes | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "failure" in row:
            lines.append(f"| {row['project']} {row['version']} | {row['style']} | script failure: "
                         f"{row['failure'][:200]} |" + " |" * 9)
            continue
        fixes = ", ".join(f"{k} {v}" for k, v in sorted(row["fixes"].items())) or "none"
        findings = ", ".join(f"{k} {v}" for k, v in sorted(row["findings"].items())) or "none"
        lines.append(
            f"| {row['project']} {row['version']} | {row['style']} | {row['files']} | {row['files_changed']} "
            f"| {fixes} | {findings} | {row['tests_before']} | {row['tests_after']} | {len(row['newly_failing'])} "
            f"| {row['second_run_changes']} | {len(row['crashes'])} | {len(row['errors'])} |")
    details = [r for r in rows if r.get("newly_failing") or r.get("crashes") or r.get("errors")
               or r.get("second_run_changes") or r.get("failing_before")]
    for row in details:
        lines += ["", f"{row['project']}:"]
        lines += [f"- failing before the rewrite too (not ours): {t}" for t in row.get("failing_before", [])[:10]]
        lines += [f"- newly failing: {t}" for t in row.get("newly_failing", [])[:20]]
        lines += [f"- crash: {c}" for c in row.get("crashes", [])[:20]]
        lines += [f"- error: {e}" for e in row.get("errors", [])[:20]]
        lines += [f"- second run changed: {f}" for f in row.get("second_run_files", [])[:20]]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default="/tmp/codemods-ecosystem")
    parser.add_argument("--only", default="", help="comma-separated project names")
    parser.add_argument("--scope", choices=("package", "all"), default="package")
    parser.add_argument("--markdown", default="")
    parser.add_argument("--select", default="", help="codemods to apply (default: the default ones)")
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args(argv)
    options = (["--select", args.select] if args.select else []) + (["--unsafe-fixes"] if args.unsafe_fixes else [])
    os.makedirs(args.work, exist_ok=True)
    wanted = {n for n in args.only.split(",") if n}
    rows = []
    for project in PROJECTS:
        if wanted and project.name not in wanted:
            continue
        print(f"{project.name} {project.version} ({project.style})", flush=True)
        try:
            rows.append(check_project(project, args.work, args.scope, options))
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
            rows.append({"project": project.name, "version": project.version, "style": project.style,
                         "failure": str(error)})
            print(f"  {project.name}: {error}", flush=True)
    label = "-".join([args.scope] + [o.strip("-").replace(",", "+") for o in options if o != "--select"])
    results = os.path.join(args.work, f"results-{label}.json")
    if wanted and os.path.exists(results):  # --only: keep the other projects' latest rows
        with open(results, encoding="utf-8") as handle:
            kept = {row["project"]: row for row in json.load(handle)}
        kept.update({row["project"]: row for row in rows})
        rows = [kept[p.name] for p in PROJECTS if p.name in kept]
    with open(results, "w", encoding="utf-8") as handle:
        json.dump(rows, handle, indent=2)
    table = markdown(rows, args.scope, options)
    print(table)
    if args.markdown:
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w", encoding="utf-8") as handle:
            handle.write(table)
    bad = any("failure" in r or r["newly_failing"] or r["second_run_changes"] or r["crashes"] for r in rows)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
