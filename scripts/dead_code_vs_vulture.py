"""dead-code next to vulture on the same tree: what each flags, and why they differ.

    .venv/bin/python scripts/dead_code_vs_vulture.py TREE [--vulture PATH] [--markdown FILE]

Runs ``vulture TREE`` (default confidence) and ``codemod check --select dead-code
--unsafe-fixes`` (what the codemod would remove with unsafe fixes: private and public)
plus the safe run, then matches definitions by (file, name). Every difference is put
in a class, read from dead-code's own index (why it keeps a definition) or from
the kind of finding (vulture's unused variables are locals and attributes, which are
other codemods' business or not definitions dead-code considers).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
from typing import Dict, List, Set, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_VULTURE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<what>unused \w+|unreachable code after '\w+'|[^']+?) "
                           r"'?(?P<name>[^' ]*)'? ?\((?P<confidence>\d+)% confidence")


def run_vulture(vulture: str, tree: str) -> List[Tuple[str, int, str, str]]:
    done = subprocess.run([vulture, tree], capture_output=True, text=True)
    found = []
    for line in done.stdout.splitlines():
        match = _VULTURE_LINE.match(line)
        if match:
            found.append((os.path.abspath(match["path"]), int(match["line"]), match["what"], match["name"]))
    return found


def run_codemod(tree: str, unsafe: bool) -> List[dict]:
    command = [sys.executable, "-m", "codemods", "check", "--no-cache", "--select", "dead-code", "--output-format",
               "json", tree]
    if unsafe:
        command.insert(4, "--unsafe-fixes")
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    return json.loads(done.stdout)["records"]


def _ours(records: List[dict]) -> Dict[Tuple[str, str], str]:
    found = {}
    for record in records:
        match = re.search(r"'([\w.]+)'", record["message"])
        if record["codemod"] == "dead-code" and match and "unreachable" not in record["message"]:
            found[(os.path.abspath(record["file"]), match[1].rpartition(".")[2])] = record["kind"]
    return found


def _reasons(paths: Set[str]) -> Dict[Tuple[str, str], str]:
    """Why dead-code keeps each definition it never removes, from its own index."""
    from codemods.transforms.dead_code.index import scan_file

    reasons = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                facts = scan_file(path, handle.read())
        except (OSError, UnicodeDecodeError):
            continue
        for entry in facts.entries if facts else ():
            reasons[(path, entry.name)] = entry.kept_because or "read by name somewhere in the project"
    return reasons


def compare(tree: str, vulture: str) -> Tuple[str, List[Tuple[str, str]]]:
    theirs = run_vulture(vulture, tree)
    safe = _ours(run_codemod(tree, unsafe=False))
    unsafe = _ours(run_codemod(tree, unsafe=True))
    definitions = [(p, n, what) for p, _, what, n in theirs if what.startswith("unused ") and what != "unused import"]
    reasons = _reasons({p for p, _, _ in definitions})
    classes: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    both = 0
    for path, name, what in definitions:
        if (path, name) in unsafe:
            both += 1
            continue
        if what == "unused variable":
            reason = "a local, a parameter or an unpacking target (unused-variables' business, not a definition)"
        elif what == "unused attribute":
            reason = "an instance attribute set with self.x = ... (not a class-level definition)"
        else:
            reason = reasons.get((path, name), "not a module-level or class-level definition (nested, or under if/try)")
        classes[what][reason] += 1
    vulture_keys = {(p, n) for p, n, _ in definitions}
    ours_only = [key for key in unsafe if key not in vulture_keys]
    unreachable_theirs = sum(1 for _, _, what, _ in theirs if what.startswith("unreachable code"))
    lines = [
        f"Tree: `{tree}`. vulture: {len(theirs)} findings ({len(definitions)} unused definitions other than imports, "
        f"{unreachable_theirs} unreachable code). dead-code: {sum(1 for v in safe.values() if v == 'fix')} safe "
        f"removals, {sum(1 for v in safe.values() if v == 'finding')} public definitions reported; with "
        f"--unsafe-fixes {len(unsafe)} removals.",
        "",
        f"Flagged by both: {both}. Flagged by dead-code only: {len(ours_only)}.",
        "",
        "| vulture finding | why dead-code keeps it | count |",
        "|---|---|---|",
    ]
    for what in sorted(classes):
        for reason, count in classes[what].most_common():
            lines.append(f"| {what} | {reason} | {count} |")
    return "\n".join(lines) + "\n", ours_only


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree")
    parser.add_argument("--vulture", default="vulture")
    parser.add_argument("--markdown", default="")
    parser.add_argument("--show-ours-only", type=int, default=15)
    args = parser.parse_args()
    report, ours_only = compare(os.path.abspath(args.tree), args.vulture)
    print(report)
    for path, name in sorted(ours_only)[: args.show_ours_only]:
        print(f"  dead-code only: {path}: {name}")
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
