"""Measure the ``docstrings`` codemod on a real third-party package.

Downloads a pure-Python package that ships its own tests (default: colorama 0.4.6,
whose wheel holds ``colorama/tests``), then for each configuration below:

1. docstring coverage with ``interrogate`` (flags matching what the options cover),
2. the package's own test suite,
3. ``codemod apply --select docstrings``,
4. coverage, tests again, a second ``codemod check`` (must change nothing), and the
   pydoclint mismatches (argument/return/yield/raise) of the result.

Usage: .venv/bin/python scripts/measure_docstrings.py [requirement]
Needs interrogate and pydoclint in the same environment (test-only packages).
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BIN = os.path.dirname(sys.executable)
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIGURATIONS = {
    # what the default options document, and the interrogate flags that leave out
    # the rest: modules, private names, dunders, __init__ (documented in the class),
    # nested functions, property setters and @overload variants
    "defaults": ({}, ["--ignore-module", "--ignore-private", "--ignore-semiprivate", "--ignore-magic",
                      "--ignore-init-method", "--ignore-nested-functions", "--ignore-setters",
                      "--ignore-overloaded-functions"]),
    # everything but module docstrings, which the codemod never writes
    "everything": ({"include-private": True, "include-dunder": True, "include-nested": True,
                    "init-args-in": "init"},
                   ["--ignore-module", "--ignore-setters", "--ignore-overloaded-functions"]),
}


def run(command, cwd, env=None):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)


def coverage(folder: str, package: str, flags) -> str:
    result = run([os.path.join(BIN, "interrogate"), "--fail-under", "0", *flags, package], folder)
    match = re.search(r"actual: ([0-9.]+)%", result.stdout)
    return match.group(1) + "%" if match else "?"


def tests(folder: str, package: str) -> str:
    env = dict(os.environ, PYTHONPATH=folder)
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", os.path.join(package, "tests")],
                 folder, env)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
    return f"exit {result.returncode}: {summary}"


def mismatches(folder: str, package: str, options) -> int:
    """pydoclint argument/return/yield/raise findings, filtered as in the case tests
    (tests/test_docstrings_checkers.py): the signature type-hint checks, and what
    pydoclint reports only because a function has no return annotation, do not count."""
    sys.path.insert(0, REPO)
    from tests.test_docstrings_checkers import _mismatches, _pydoclint

    return sum(_mismatches(_pydoclint(Path(folder, package), "google", options.get("init-args-in", "class") + "-untyped"), None).values())


def write_config(folder: str, options) -> None:
    lines = ["[tool.codemods]", 'select = ["docstrings"]', "", "[tool.codemods.docstrings]"]
    for key, value in options.items():
        lines.append(f"{key} = {value!r}".replace("True", "true").replace("'", '"'))
    with open(os.path.join(folder, "pyproject.toml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main(requirement: str = "colorama==0.4.6", package: str = "") -> int:
    package = package or re.split(r"[=<>!~\[]", requirement)[0].replace("-", "_")
    codemod = os.path.join(BIN, "codemod")
    with tempfile.TemporaryDirectory() as scratch:
        download = run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d",
                        os.path.join(scratch, "dist"), requirement], scratch)
        if download.returncode:
            print(download.stderr)
            return 2
        wheel = glob.glob(os.path.join(scratch, "dist", "*.whl"))[0]
        print(f"package: {os.path.basename(wheel)}")
        print(f"{'configuration':<12} {'coverage before':>16} {'after':>8} {'mismatches':>11} {'fixes':>8} "
              f"{'2nd run':>8}  tests before / after")
        failures = 0
        for name, (options, flags) in CONFIGURATIONS.items():
            folder = os.path.join(scratch, name)
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(folder)
            write_config(folder, options)
            before_cov, before_tests = coverage(folder, package, flags), tests(folder, package)
            applied = run([codemod, "apply", "--no-cache", package], folder)
            fixes = re.search(r"fixes: docstrings (\d+)", applied.stdout + applied.stderr)
            after_cov, after_tests = coverage(folder, package, flags), tests(folder, package)
            second = run([codemod, "check", "--no-cache", package], folder)
            second_text = "clean" if second.returncode == 0 else f"exit {second.returncode}"
            print(f"{name:<12} {before_cov:>16} {after_cov:>8} {mismatches(folder, package, options):>11} "
                  f"{fixes.group(1) if fixes else 0:>8} {second_text:>8}  {before_tests} / {after_tests}")
            if applied.returncode or second.returncode or before_tests.split(":")[0] != after_tests.split(":")[0]:
                failures += 1
                print(applied.stdout[-2000:], applied.stderr[-2000:], second.stdout[-2000:], sep="\n")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
