"""The splice path against the libcst path, file by file: same bytes, same fixes,
same findings, same errors (issue 16).

    python scripts/splice_equivalence.py [PATH ...] [--select IDS] [--unsafe-fixes]

PATH defaults to the running Python's standard library (its tests included). Every
Python file under the paths is run through the pipeline twice in this process, once
with the splice path (engine.splicing) and once without, with the project's
cross-file data prepared as `codemod check` prepares it (the paths' common folder is
the project). Prints how many files each path decided, why files went to libcst, and
every difference; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from codemods.engine import splicing  # noqa: E402
from codemods.engine.pipeline import FileResult, process_source  # noqa: E402
from codemods.engine.settings import RunSettings, SelectedCodemod  # noqa: E402
from codemods.registry import find_codemod  # noqa: E402


def python_files(paths: List[str]) -> List[str]:
    found: List[str] = []
    for path in paths:
        if os.path.isfile(path):
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(s for s in subfolders if s not in ("site-packages", "__pycache__"))
            found.extend(os.path.join(folder, name) for name in sorted(files) if name.endswith(".py"))
    return found


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


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--select", default="unused-imports,unused-variables")
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args(argv)
    paths = args.paths or [sysconfig.get_paths()["stdlib"]]
    files = python_files(paths)
    root = os.path.commonpath([os.path.abspath(p) for p in paths])
    root = root if os.path.isdir(root) else os.path.dirname(root)
    ids = [i for i in args.select.split(",") if i]
    started = time.perf_counter()
    settings = prepared_settings(ids, args.unsafe_fixes, files, root)
    stats: Dict[str, int] = {}
    splicing.STATS = stats
    differences = 0
    changed = 0
    seconds = {"splice": 0.0, "libcst": 0.0}
    for path in files:
        with open(path, "rb") as handle:
            raw = handle.read()
        splicing.ENABLED = True
        clock = time.perf_counter()
        spliced = summary(process_source(raw, path, settings))
        seconds["splice"] += time.perf_counter() - clock
        splicing.ENABLED = False
        clock = time.perf_counter()
        reference = summary(process_source(raw, path, settings))
        seconds["libcst"] += time.perf_counter() - clock
        changed += reference[0] == "changed"
        if spliced != reference:
            differences += 1
            print(f"DIFFERENT {path}: {first_difference(spliced, reference)}")
    print(f"{len(files)} files under {', '.join(paths)}; codemods {','.join(ids)}"
          f"{' with unsafe fixes' if args.unsafe_fixes else ''}; {changed} changed by the libcst path")
    print(f"splice path: {stats.pop('spliced', 0)} files decided; libcst path for the others with work:")
    for reason, count in sorted(stats.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {reason}")
    print(f"pipeline time: splice path on {seconds['splice']:.1f} s, off {seconds['libcst']:.1f} s; "
          f"total {time.perf_counter() - started:.0f} s")
    print(f"differences: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
