"""Compare the ``exceptions`` codemod with ruff's rules for the same patterns.

Runs ``ruff check --select B904,TRY201,B014,B025,E722,TRY400,BLE001,S110,S112,B012``
and ``codemod check --select exceptions`` (safe, then with ``--unsafe-fixes``) on the
same copy of a source tree, matches their reports by rule, file and line, and prints
per rule: what ruff reports and can fix, what the codemod fixes or reports, what
both see, and samples of what only one of them sees (``--samples N``).

Usage: .venv/bin/python scripts/compare_exceptions_ruff.py SOURCE [--shard K/N] [--samples N] [--json OUT]
SOURCE is only read: the files (of the shard) are copied to a temporary folder.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Set, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
CODES = ("B904", "TRY201", "B014", "B025", "E722", "TRY400", "BLE001", "S110", "S112", "B012")

#: the ruff codes a codemod record stands for, by the start of its message
CATEGORIES = (
    ("chained the new exception", ("B904",)),
    ("named the handler", ()),  # the header half of a B904 fix
    ("`raise", ("TRY201",)),
    ("removed redundant exception classes", ("B014", "B025")),
    ("bare `except:` spelled", ("E722",)),
    ("this handler is never reached", ("B025",)),
    ("swallowed database error", ("BLE001", "S110", "S112")),
    ("`except", ("BLE001", "S110", "S112")),  # "`except Exception` swallows every error"
    ("`return` in a `finally`", ("B012",)),
    ("`break` in a `finally`", ("B012",)),
    ("`continue` in a `finally`", ("B012",)),
)


def codes_for(record: dict) -> Tuple[str, ...]:
    message = record["message"]
    if ".exception(...)" in message:
        return ("TRY400",)
    for start, codes in CATEGORIES:
        if message.startswith(start):
            return codes
    return ()


def copy_files(source: str, shard: Tuple[int, int], target: str) -> List[str]:
    files = []
    for folder, dirs, names in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".git", ".venv", "build", "dist"))
        files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    files.sort()
    index, count = shard
    chosen = [f for i, f in enumerate(files) if i % count == index - 1]
    for path in chosen:
        destination = os.path.join(target, os.path.relpath(path, source))
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(path, destination)
    return chosen


def run_ruff(folder: str) -> List[dict]:
    done = subprocess.run([os.path.join(BIN, "ruff"), "check", "--isolated", "--no-cache", "--output-format", "json",
                           "--select", ",".join(CODES), "--target-version", "py39", folder],
                          capture_output=True, text=True)
    return json.loads(done.stdout or "[]")


def run_codemod(folder: str, unsafe: bool) -> List[dict]:
    command = [os.path.join(BIN, "codemod"), "check", "--no-cache", "-j", "1", "--select", "exceptions",
               "--output-format", "json", folder]
    if unsafe:
        command.insert(2, "--unsafe-fixes")
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    return [r for r in json.loads(done.stdout)["records"] if r["kind"] in ("fix", "finding", "error")]


#: ruff codes compared together (the codemod reports a swallowed handler once, ruff under one
#: or more of BLE001/S110/S112; B025 points at the repeated class, the codemod at its handler)
GROUPS = {"B904": ("B904",), "TRY201": ("TRY201",), "B014/B025": ("B014", "B025"), "E722": ("E722",),
          "TRY400": ("TRY400",), "BLE001/S110/S112": ("BLE001", "S110", "S112"), "B012": ("B012",)}
GROUP_OF = {code: group for group, codes in GROUPS.items() for code in codes}


def compare(folder: str, samples: int) -> Dict[str, object]:
    ruff = run_ruff(folder)
    safe, unsafe = run_codemod(folder, False), run_codemod(folder, True)
    ours: Dict[Tuple[str, str], Dict[int, Set[str]]] = collections.defaultdict(lambda: collections.defaultdict(set))
    for record in unsafe:
        codes = codes_for(record) if record["kind"] != "error" else ()
        if not codes:
            continue
        kind = ("fix-safe" if record.get("safe", True) else "fix-unsafe") if record["kind"] == "fix" else "finding"
        ours[(GROUP_OF[codes[0]], os.path.realpath(record["file"]))][record["line"]].add(kind)
    table: Dict[str, collections.Counter] = {group: collections.Counter() for group in GROUPS}
    only_ruff: Dict[str, List[str]] = collections.defaultdict(list)
    only_ours: Dict[str, List[str]] = collections.defaultdict(list)
    matched: Set[Tuple[str, str, int]] = set()
    for item in ruff:
        code, path, line = item["code"], os.path.realpath(item["filename"]), item["location"]["row"]
        if code not in GROUP_OF:
            continue  # invalid-syntax: a file neither tool can read (the codemod reports it as an error)
        group = GROUP_OF[code]
        counter = table[group]
        counter[f"ruff {code}"] += 1
        fix = item.get("fix")
        if fix:
            counter[f"ruff {code} fixable ({fix.get('applicability', '?')})"] += 1
        lines = ours.get((group, path), {})
        slack = 5 if group == "B014/B025" else 0  # the repeated class may sit below its handler's line
        near = [n for n in lines if n <= line <= n + slack]
        if near:
            counter[f"ruff {code} also by codemod"] += 1
            matched.update((group, path, n) for n in near)
        else:
            only_ruff[group].append(f"{os.path.relpath(path, folder)}:{line}: {code}")
    for (group, path), lines in ours.items():
        for line, kinds in lines.items():
            for kind in kinds:
                table[group][f"codemod {kind}"] += 1
            if (group, path, line) not in matched:
                table[group]["codemod only"] += 1
                only_ours[group].append(f"{os.path.relpath(path, folder)}:{line}: {'/'.join(sorted(kinds))}")
    for group, items in only_ruff.items():
        table[group]["ruff only"] = len(items)
    return {
        "files": sum(1 for _, _, names in os.walk(folder) for n in names if n.endswith(".py")),
        "codemod safe fixes": sum(1 for r in safe if r["kind"] == "fix"),
        "codemod fixes with --unsafe-fixes": sum(1 for r in unsafe if r["kind"] == "fix"),
        "codemod findings": sum(1 for r in safe if r["kind"] == "finding"),
        "codemod errors": [r["message"] for r in unsafe if r["kind"] == "error"],
        "table": {group: dict(counter) for group, counter in table.items()},
        "only ruff": {group: items[:samples] for group, items in only_ruff.items()},
        "only codemod": {group: items[:samples] for group, items in only_ours.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--shard", default="1/1")
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    index, count = (int(p) for p in args.shard.split("/"))
    with tempfile.TemporaryDirectory() as folder:
        copy_files(os.path.abspath(args.source), (index, count), folder)
        result = compare(folder, args.samples)
    text = json.dumps(result, indent=2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
