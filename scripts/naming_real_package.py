"""Proof for ``naming`` on a real third-party package: its own test suite passes
before and after the safe renames, with the same tests passing.

    python scripts/naming_real_package.py [--package pyparsing==3.1.2]
        [--work /tmp/naming-proof] [--test-python PYTHON] [--unsafe-fixes]

Steps: ``pip download`` the sdist; unpack it twice; run the suite on the original
(pytest, junit XML); ``codemod apply --select naming`` over the whole copy (the real
CLI); run the suite again and compare test by test; count the names renamed (from
the CLI's JSON report) and the candidates left alone, by reason (from the run's
plan and one more analysis pass per file).

``--test-python`` is the interpreter that runs the package's suite (it needs
pytest and whatever the suite imports, e.g. railroad-diagrams and jinja2 for
pyparsing); by default, this one.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ElementTree
from typing import Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
CODEMOD = os.path.join(os.path.dirname(sys.executable), "codemod")


def download(package: str, folder: str) -> str:
    os.makedirs(folder, exist_ok=True)
    name = re.split(r"[=<>!~]", package)[0]
    found = glob.glob(os.path.join(folder, f"{name}-*.tar.gz"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        package, "-d", folder], check=True)
        found = glob.glob(os.path.join(folder, f"{name}-*.tar.gz"))
    return sorted(found)[-1]


def unpack(sdist: str, target: str) -> str:
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(target)
    with tarfile.open(sdist) as archive:
        archive.extractall(target)
    (root,) = [os.path.join(target, d) for d in os.listdir(target)]
    return root


def run_suite(root: str, python: str, label: str) -> Dict[str, str]:
    report = os.path.join(os.path.dirname(root), f"{label}-junit.xml")
    started = time.time()
    done = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", "tests"],
                          cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    print(f"[{label}] {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]}"
          f" ({time.time() - started:.0f}s)")
    outcomes: Dict[str, str] = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        key = f"{case.get('classname')}::{case.get('name')}"
        status = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                status = child.tag
        outcomes[key] = status
    return outcomes


def python_files(root: str) -> List[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(folder, f) for f in files if f.endswith(".py"))
    return sorted(found)


def skipped_by_reason(root: str, options: dict, unsafe: bool) -> Tuple[collections.Counter, int]:
    """Candidates left alone, by reason: module-level and parameters from the run's
    plan, locals from one analysis pass of the rewriter over each file."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper

    from codemods.contract import RewriteContext
    from codemods.analysis.modules import module_name_for
    from codemods.transforms.naming.rewriter import NamingRewriter
    from codemods.transforms.naming.index import PUBLIC
    from codemods.transforms.naming import Naming

    paths = python_files(root)
    merged = Naming.resolve_options(options)
    plan = Naming().prepare(paths, merged)
    reasons: collections.Counter = collections.Counter(reason for *_, reason in plan.skipped)
    if not unsafe:
        reasons[PUBLIC] += sum(1 for *_, private in plan.renames if not private)
        reasons[PUBLIC] += sum(len(renames) for _, _, renames, private in plan.params if not private)
    local_findings = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        module_name, is_init = module_name_for(path)
        context = RewriteContext("naming", path, merged, unsafe_fixes=unsafe, module_name=module_name,
                                 is_package_init=is_init, project=plan)
        rewriter = NamingRewriter(context)
        try:
            MetadataWrapper(cst.parse_module(text)).visit(rewriter)
        except Exception as error:  # a file libcst cannot take is reported by the CLI run too
            print(f"  analysis skipped {path}: {type(error).__name__}: {error}")
            continue
        reasons.update(reason for *_, reason in rewriter.skipped)
        local_findings += len(context.findings)
    return reasons, local_findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", default="pyparsing==3.1.2")
    parser.add_argument("--work", default="/tmp/naming-proof")
    parser.add_argument("--test-python", default=sys.executable)
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args()
    sdist = download(args.package, os.path.join(args.work, "sdists"))
    original = unpack(sdist, os.path.join(args.work, "original"))
    renamed = unpack(sdist, os.path.join(args.work, "renamed"))
    print(f"package: {os.path.basename(sdist)}; {len(python_files(renamed))} Python files")

    before = run_suite(original, args.test_python, "before")

    command = [CODEMOD, "apply", "--select", "naming", "--no-cache", "--output-format", "json", "."]
    if args.unsafe_fixes:
        command.append("--unsafe-fixes")
    started = time.time()
    done = subprocess.run(command, cwd=renamed, capture_output=True, text=True)
    seconds = time.time() - started
    report = json.loads(done.stdout)
    records = report["records"]
    fixes = [r for r in records if r["kind"] == "fix"]
    findings = [r for r in records if r["kind"] == "finding"]
    errors = [r for r in records if r["kind"] == "error"]
    renamed_names = [f for f in fixes if re.match(r"renamed name '", f["message"])]
    followers = collections.Counter(f["message"].split(" '")[0] for f in fixes if f not in renamed_names)
    changed_files = len({f["file"] for f in fixes})
    print(f"codemod apply: exit {done.returncode}, {seconds:.0f}s, {changed_files} files changed, "
          f"{len(fixes)} fixes, {len(findings)} findings, {len(errors)} errors")
    for error in errors:
        print(f"  error: {error['file']}:{error.get('line')}: {error['message']}")
    print(f"names renamed (definitions): {len(renamed_names)}")
    for kind, count in sorted(followers.items()):
        print(f"  plus {count} x {kind} (references in other statements/modules)")

    after = run_suite(renamed, args.test_python, "after")
    same = before == after
    passed_before = sum(1 for v in before.values() if v == "passed")
    passed_after = sum(1 for v in after.values() if v == "passed")
    print(f"tests: {passed_before}/{len(before)} passed before, {passed_after}/{len(after)} after; "
          f"identical outcomes: {same}")
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            print(f"  changed: {key}: {before.get(key)} -> {after.get(key)}")

    sys.path.insert(0, os.path.dirname(HERE))
    reasons, local_findings = skipped_by_reason(original, {}, args.unsafe_fixes)
    print(f"candidates left alone: {sum(reasons.values())}")
    for reason, count in reasons.most_common():
        print(f"  {count:5d}  {reason}")
    return 0 if same and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
