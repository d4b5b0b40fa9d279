"""Compare the two usage analyses (libcst's ``codemods.cst.scope_usage`` and the
``ast`` one, ``codemods.analysis.usage``) on every Python file under the given paths
(default: the running Python's standard library), and time both.

    python scripts/usage_equivalence.py [--show N] [--unsure] [PATH ...]

Prints how many files gave the same answers, how many differ (with the first
differences), how many the ``ast`` analysis left to libcst (``unsure``, by reason),
and how many libcst refused. ``--unsure`` also compares the files the ``ast``
analysis is unsure about (their differences are expected, not errors).
"""

from __future__ import annotations

import argparse
import ast
import collections
import os
import sys
import sysconfig
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.trees import python_files  # noqa: E402

from codemods.analysis.usage import analyse_usage  # noqa: E402
from tests.usage_comparison import compare_text  # noqa: E402



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[sysconfig.get_paths()["stdlib"]])
    parser.add_argument("--show", type=int, default=10, help="differing files to show")
    parser.add_argument("--unsure", action="store_true", help="compare unsure files too")
    options = parser.parse_args(argv)
    counts = collections.Counter()
    reasons = collections.Counter()
    shown = 0
    timings = {"ast usage": 0.0, "scopes.analyse": 0.0, "ast.parse": 0.0}
    for path in python_files(options.paths):
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            counts["not utf-8"] += 1
            continue
        try:
            start = time.perf_counter()
            tree = ast.parse(text)
            timings["ast.parse"] += time.perf_counter() - start
        except (SyntaxError, ValueError):
            counts["unparsable"] += 1
            continue
        start = time.perf_counter()
        analyse_usage(tree, text)
        timings["ast usage"] += time.perf_counter() - start
        result = compare_text(text, check_unsure=options.unsure)
        counts[result.status] += 1
        if result.status in ("unsure", "refused"):
            reasons[f"{result.status}: {result.reason}"] += 1
        if result.status == "different" and shown < options.show:
            shown += 1
            print(f"--- {path}")
            for line in result.differences[:8]:
                print("   ", line)
    total = sum(counts.values())
    print(f"{total} files: " + ", ".join(f"{n} {status}" for status, n in counts.most_common()))
    for reason, n in reasons.most_common():
        print(f"  {n:5d}  {reason}")
    print("time: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()))
    return 1 if counts["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
