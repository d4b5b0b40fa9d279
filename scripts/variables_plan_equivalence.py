"""The ``ast`` plan of ``unused-variables`` against its libcst rewriter, file by file:
the same fixes and findings, in the same order, and edits that are the rewriter's
changes, without and with --unsafe-fixes (issue 16).

    python scripts/variables_plan_equivalence.py [PATH ...] [--bridged] [--limit N]

PATH defaults to the running Python's standard library. ``--bridged``: the plan decides from libcst's usage
analysis behind the ast API (tests/usage_bridge.py), which tells the plan's own
differences from the ast analysis's. Prints the counts (files, identical, fallbacks
by reason, differences) and every difference; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from scripts.trees import python_files  # noqa: E402

from tests.variables_plan_compare import compare_both  # noqa: E402



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[sysconfig.get_paths()["stdlib"]])
    parser.add_argument("--bridged", action="store_true")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    counts: Counter = Counter()
    fallbacks: Counter = Counter()
    started = time.perf_counter()
    for number, path in enumerate(python_files(args.paths)):
        if args.limit and number >= args.limit:
            break
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            outcomes = compare_both(text, bridged=args.bridged)
        except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError):
            counts["unparsable"] += 1
            continue
        except Exception as error:  # the libcst side's own limits (a parser error)
            counts[f"error: {type(error).__name__}"] += 1
            print(f"ERROR {path}: {type(error).__name__}: {error}"[:300])
            continue
        counts["files"] += 1
        for unsafe, (status, detail) in zip((False, True), outcomes):
            counts[status] += 1
            if status == "fallback":
                fallbacks[detail] += 1
            elif status == "different":
                print(f"DIFFERENT {path} (unsafe={unsafe}): {detail}"[:2000])
    print(f"{counts['files']} files ({counts['identical']} identical, {counts['fallback']} fallbacks, "
          f"{counts['different']} different, of {2 * counts['files']} runs: without and with unsafe fixes) "
          f"in {time.perf_counter() - started:.0f} s")
    for key, value in sorted(counts.items()):
        if key not in ("files", "identical", "fallback", "different"):
            print(f"  {key}: {value}")
    for reason, value in fallbacks.most_common():
        print(f"  fallback: {reason}: {value}")
    return 1 if counts["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
