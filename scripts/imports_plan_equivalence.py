"""Compare unused-imports' libcst rewriter (one pass) with its ``ast`` plan on every
Python file under the given paths (default: the running Python's standard library), each with its real path.

    python scripts/imports_plan_equivalence.py [--show N] [--project] [PATH ...]

Prints how many files were compared, how many gave identical fixes, findings and
edits, how many the plan left to libcst (fallbacks, by reason), how many differ
(with the first differences), and how many libcst refused. ``--project`` gives both
the re-export data of the whole tree (what ``prepare`` computes for a run).
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import sysconfig

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.trees import python_files  # noqa: E402

from tests.imports_plan_comparison import compare_text  # noqa: E402



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[sysconfig.get_paths()["stdlib"]])
    parser.add_argument("--show", type=int, default=10, help="differing files to show")
    parser.add_argument("--project", action="store_true", help="with the tree's re-export data")
    parser.add_argument("--log", help="write one line per file (status, path, reason) here as it goes")
    options = parser.parse_args(argv)
    files = list(python_files(options.paths))
    project = None
    if options.project:
        from codemods.transforms.unused_imports.reexports import find_reexports

        project = find_reexports([os.path.abspath(f) for f in files])
    counts = collections.Counter()
    reasons = collections.Counter()
    shown = 0
    log = open(options.log, "w", encoding="utf-8") if options.log else None
    for path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text = data.decode("utf-8")
            compile(text, path, "exec")
        except (UnicodeDecodeError, SyntaxError, ValueError):
            counts["not utf-8 or not valid"] += 1
            continue
        result = compare_text(text, path, project=project)
        counts[result.status] += 1
        counts["fixes"] += result.fixes
        if log is not None:
            log.write(f"{result.status}\t{path}\t{result.reason}\t{result.differences[:2]}\n")
            log.flush()
        if result.status in ("fallback", "refused"):
            reasons[f"{result.status}: {result.reason}"] += 1
        if result.status == "different" and shown < options.show:
            shown += 1
            print(f"--- {path}")
            for line in result.differences[:6]:
                print("   ", line[:2000], flush=True)
    compared = sum(counts[s] for s in ("identical", "different", "fallback"))
    print(f"files: {len(files)}, compared: {compared}, identical: {counts['identical']}, "
          f"fallbacks: {counts['fallback']}, different: {counts['different']}, refused by libcst: "
          f"{counts['refused']}, skipped: {counts['not utf-8 or not valid']}, libcst fixes: {counts['fixes']}")
    for reason, count in reasons.most_common():
        print(f"  {count:5d}  {reason}")
    return 1 if counts["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
