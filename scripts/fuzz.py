"""The long fuzz run (nightly): the checks of tests/test_fuzz.py on many generated
programs, collecting every failure instead of stopping at the first.

    .venv/bin/python scripts/fuzz.py [--examples 2000] [--strategy grammar|node|both]
                                     [--seed N] [--out /tmp/codemods-fuzz]

Each failing program is written to OUT/failure-NNN.py with its problems in
OUT/failure-NNN.txt; turn each into a case under tests/cases/<id>/ once understood.
Prints the figures: examples run, programs changed, failures, seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import List, Optional

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="per strategy")
    parser.add_argument("--strategy", choices=("grammar", "node", "both"), default="both")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="/tmp/codemods-fuzz")
    args = parser.parse_args(argv)
    import hypothesmith
    from hypothesis import HealthCheck, given, seed, settings

    from tests.test_fuzz import ALL_BUT_RENAME, check_program, run_all

    os.makedirs(args.out, exist_ok=True)
    scratch = os.path.join(args.out, "scratch.py")
    figures = {"examples": 0, "changed": 0, "failures": 0}
    seen = set()

    def record(source: str) -> None:
        figures["examples"] += 1
        problems = check_program(source, scratch)
        if not problems:
            result = run_all(source, ALL_BUT_RENAME, scratch)
            figures["changed"] += result.new_text is not None
            return
        key = tuple(p.split(":")[0] for p in problems) + (problems[0][:80],)
        if key in seen:  # the same failure again; keep the first (usually shorter) program
            return
        seen.add(key)
        figures["failures"] += 1
        stem = os.path.join(args.out, f"failure-{figures['failures']:03d}")
        with open(stem + ".py", "w", encoding="utf-8", newline="") as handle:
            handle.write(source)
        with open(stem + ".txt", "w", encoding="utf-8") as handle:
            handle.write("\n".join(problems) + "\n")
        print(f"failure {figures['failures']}: {problems[0][:200]}", flush=True)

    strategies = {"grammar": hypothesmith.from_grammar(), "node": hypothesmith.from_node()}
    chosen = list(strategies) if args.strategy == "both" else [args.strategy]
    started = time.time()
    for name in chosen:
        run = settings(max_examples=args.examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))(given(source=strategies[name])(record))
        seed(args.seed)(run)()
        print(f"{name}: {figures}, {time.time() - started:.0f} s", flush=True)
    print(f"examples {figures['examples']}, changed by the codemods {figures['changed']}, "
          f"failures {figures['failures']}, {time.time() - started:.0f} s")
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
