"""Whole-statement deletions as text splices against libcst, over a tree of Python files.

    .venv/bin/python scripts/splice_deletion_equivalence.py [PATH ...] [--patterns a,b] [--every N]

For every file (default: the running Python's standard library) and every pattern of ``tests/splice_deletion_oracle``
(every import, the first/last/middle line of every block, every statement, ...), the
same deletions go through ``codemods.splice.apply.apply_edits`` and through a
``StatementRemovingRewriter`` printed by libcst. Prints, per pattern, how many sets of
deletions were identical, None (with the reasons) or DIFFERENT (a bug), the share of
deleted statements left to libcst, the first differences, and the time each side took.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import sysconfig
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.trees import python_files  # noqa: E402

from tests.splice_deletion_oracle import PATTERNS, Outcome, compare, first_difference  # noqa: E402



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[sysconfig.get_paths()["stdlib"]])
    parser.add_argument("--patterns", default=",".join(PATTERNS))
    parser.add_argument("--every", type=int, default=1, help="only every Nth file (a deterministic sample)")
    parser.add_argument("--no-libcst", action="store_true", help="the splices alone: None reasons and time")
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args(argv)
    patterns = args.patterns.split(",")
    outcome = Outcome()
    files = skipped = 0
    started = time.perf_counter()
    for index, path in enumerate(python_files(args.paths)):
        if index % args.every:
            continue
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
            ast.parse(text)
        except (UnicodeDecodeError, SyntaxError, ValueError):
            skipped += 1
            continue
        files += 1
        try:
            compare(text, path, outcome, patterns, not args.no_libcst)
        except RecursionError:
            skipped += 1
        if files % 100 == 0:
            print(f"... {files} files, {len(outcome.differences)} different, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print(f"{files} files compared ({skipped} skipped: not UTF-8, not Python 3.11, or too deep) in {elapsed:.0f} s")
    totals: Counter = Counter()
    for name in patterns:
        counts = outcome.counts.get(name, Counter())
        statements = outcome.statements.get(name, Counter())
        totals.update(statements)
        share = statements["None"] / max(1, sum(statements.values()))
        identical = counts["identical"] + counts["spliced"]
        different = sum(v for k, v in counts.items() if k.startswith("DIFFERENT"))
        none = sum(v for k, v in counts.items() if k.startswith("None"))
        print(f"{name:16} sets: {identical} identical, {none} None, {different} DIFFERENT; "
              f"statements: {sum(statements.values())}, left to libcst {share:.2%}")
        for verdict, count in counts.most_common():
            if verdict not in ("identical", "spliced"):
                print(f"    {count:6} {verdict}")
    share = totals["None"] / max(1, sum(totals.values()))
    print(f"all patterns: {sum(totals.values())} statements deleted, {totals['identical']} identical, "
          f"{totals['spliced']} spliced (not compared), "
          f"{totals['None']} None ({share:.2%}), {totals['DIFFERENT']} DIFFERENT")
    print(f"time: splices {outcome.splice_seconds:.2f} s, libcst {outcome.oracle_seconds:.2f} s")
    for path, name, expected, got in outcome.differences[:args.show]:
        print(f"DIFFERENT {path} [{name}] {first_difference(expected, got)}")
    return 1 if outcome.differences else 0


if __name__ == "__main__":
    sys.exit(main())
