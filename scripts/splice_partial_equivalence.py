"""Partial edits spliced as text against libcst, over every Python file of a tree.

    .venv/bin/python scripts/splice_partial_equivalence.py [PATH ...] [--show N]

PATH is a file or a folder (default: the running Python's standard library). For each file, the partial edits of
``tests/splice_oracle.sample_edits`` (every import of several names losing each one,
all but the first, all but the last; every assignment to its value; every chained
target; every ``except``/``with ... as`` name; every loop or unpacking name renamed)
get a replacement from ``codemods.splice.partial``, spliced into the text, and the
same changes are made by libcst on the whole module. Per edit kind it prints how many
were identical, how many got no replacement (and why), and how many were DIFFERENT
(a bug: the first ones are shown), then the time spent splicing and in libcst.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import time
import warnings
from typing import List

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from scripts.trees import python_files  # noqa: E402

from tests.splice_oracle import Outcome, compare, statement_text  # noqa: E402



def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[sysconfig.get_paths()["stdlib"]])
    parser.add_argument("--show", type=int, default=5, help="differences to print in full")
    options = parser.parse_args(argv)
    outcome = Outcome()
    files = skipped = 0
    started = time.perf_counter()
    for path in python_files(options.paths):
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compare(text, path, outcome)
        except Exception as error:  # a file ast or libcst cannot parse (bad encodings, test data)
            skipped += 1
            print(f"skipped {path}: {type(error).__name__}: {str(error)[:80]}", file=sys.stderr)
            continue
        files += 1
        if files % 100 == 0:
            differences = len(outcome.differences)
            print(f"... {files} files, {differences} DIFFERENT, {time.perf_counter() - started:.0f} s: {path}",
                  file=sys.stderr, flush=True)
    print(f"{files} files compared ({skipped} skipped) in {time.perf_counter() - started:.1f} s")
    for kind in sorted(outcome.counts):
        counts = outcome.counts[kind]
        reasons = {k: v for k, v in counts.items() if k.startswith("None")}
        print(f"{kind}: {counts['identical']} identical, {sum(reasons.values())} None, "
              f"{counts['DIFFERENT']} DIFFERENT")
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            print(f"    {count:6}  {reason}")
    total = sum(sum(c.values()) for c in outcome.counts.values())
    print(f"splicing: {outcome.splice_seconds:.2f} s for {total} edits "
          f"({outcome.splice_seconds / max(total, 1) * 1e6:.1f} us each), no libcst; "
          f"libcst oracle: {outcome.oracle_seconds:.1f} s")
    for path, kind, line, expected, got in outcome.differences[:options.show]:
        print(f"\nDIFFERENT {kind} at {path}:{line}\n--- libcst\n{statement_text(expected, line)}\n"
              f"--- splice\n{statement_text(got, line)}")
    return 1 if outcome.differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
