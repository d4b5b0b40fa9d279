"""The splice path against the libcst path, file by file: same bytes, same fixes,
same findings, same errors (issue 16).

    python scripts/splice_equivalence.py [PATH ...] [--select IDS] [--unsafe-fixes]

PATH defaults to the running Python's standard library (its tests included). Every
Python file under the paths is run through the pipeline with the splice path
(engine.splicing), and every file that path decided runs again without it (the
others took the same code both ways), with the project's cross-file data prepared as
`codemod check` prepares it (the paths' common folder is the project), in worker
processes. Prints how many files each path decided, why files went to libcst, and
every difference; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import sysconfig
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from scripts.trees import python_files  # noqa: E402

from codemods.engine import splicing  # noqa: E402
from codemods.engine.pipeline import FileResult, process_source  # noqa: E402
from codemods.engine.settings import RunSettings, SelectedCodemod  # noqa: E402
from codemods.registry import find_codemod  # noqa: E402



def prepared_settings(ids: List[str], unsafe: bool, files: List[str], root: str) -> RunSettings:
    from codemods.cli import _prepare_cross_file
    from codemods.config import load_config

    selected = tuple(SelectedCodemod(find_codemod(i), find_codemod(i).resolve_options({})) for i in ids)
    settings = RunSettings(codemods=selected, unsafe_fixes=unsafe)
    config = load_config([root], None, isolated=True)
    return _prepare_cross_file(settings, files, files, config, project=(None, None))


def summary(result: FileResult) -> tuple:
    return (result.status, result.new_text, [tuple(vars(f).values()) for f in result.fixes],
            [tuple(vars(f).values()) for f in result.findings],
            [(e.message, e.line, e.column) for e in result.errors])


def first_difference(a: tuple, b: tuple) -> str:
    names = ("status", "text", "fixes", "findings", "errors")
    for name, left, right in zip(names, a, b):
        if left != right:
            if name == "text" and left is not None and right is not None:
                lines_a, lines_b = left.splitlines(True), right.splitlines(True)
                line = next((i for i, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y),
                            min(len(lines_a), len(lines_b)))
                return (f"text first differs at line {line + 1}: splice {lines_a[line:line + 2]!r} "
                        f"libcst {lines_b[line:line + 2]!r}")
            return f"{name}: splice {str(left)[:300]} / libcst {str(right)[:300]}"
    return "?"


_settings: Optional[RunSettings] = None


def _init(settings: RunSettings) -> None:
    global _settings
    _settings = settings


def _compare(path: str):
    """(path, (changed by libcst, difference or ""), fallback counts, (splice s, libcst s));
    the libcst path runs only where the splice path decided (elsewhere both paths are
    the same code)."""
    assert _settings is not None
    with open(path, "rb") as handle:
        raw = handle.read()
    stats: Dict[str, int] = {}
    splicing.STATS = stats
    splicing.ENABLED = True
    clock = time.perf_counter()
    spliced = summary(process_source(raw, path, _settings))
    splice_seconds = time.perf_counter() - clock
    splicing.STATS = None
    if not stats.get("spliced"):
        return path, None, stats, (splice_seconds, 0.0)
    splicing.ENABLED = False
    clock = time.perf_counter()
    reference = summary(process_source(raw, path, _settings))
    libcst_seconds = time.perf_counter() - clock
    splicing.ENABLED = True
    difference = first_difference(spliced, reference) if spliced != reference else ""
    return path, (reference[0] == "changed", difference), stats, (splice_seconds, libcst_seconds)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--select", default="unused-imports,unused-variables")
    parser.add_argument("--unsafe-fixes", action="store_true")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    args = parser.parse_args(argv)
    paths = args.paths or [sysconfig.get_paths()["stdlib"]]
    files = python_files(paths)
    root = os.path.commonpath([os.path.abspath(p) for p in paths])
    root = root if os.path.isdir(root) else os.path.dirname(root)
    ids = [i for i in args.select.split(",") if i]
    started = time.perf_counter()
    settings = prepared_settings(ids, args.unsafe_fixes, files, root)
    stats: Dict[str, int] = {}
    differences = 0
    changed = 0
    seconds = {"splice": 0.0, "libcst": 0.0}
    with multiprocessing.Pool(args.jobs or os.cpu_count(), initializer=_init, initargs=(settings,)) as pool:
        for path, outcome, file_stats, timing in pool.imap_unordered(_compare, files, chunksize=4):
            for reason, count in file_stats.items():
                stats[reason] = stats.get(reason, 0) + count
            seconds["splice"] += timing[0]
            seconds["libcst"] += timing[1]
            if outcome is None:
                continue
            changed += outcome[0]
            if outcome[1]:
                differences += 1
                print(f"DIFFERENT {path}: {outcome[1]}", flush=True)
    print(f"{len(files)} files under {', '.join(paths)}; codemods {','.join(ids)}"
          f"{' with unsafe fixes' if args.unsafe_fixes else ''}; {changed} of the files the splice path decided changed by the libcst path")
    print(f"splice path: {stats.pop('spliced', 0)} files decided; libcst path for the others with work:")
    for reason, count in sorted(stats.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {reason}")
    print(f"pipeline time: every file with the splice path {seconds['splice']:.1f} s; the libcst path on the "
          f"files the splice path decided {seconds['libcst']:.1f} s; "
          f"total {time.perf_counter() - started:.0f} s")
    print(f"differences: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
