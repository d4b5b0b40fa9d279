"""Time `codemod` side by side with its peers on CPython's standard library.

    .venv/bin/python benchmarks/run.py              # the full run (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick      # one round, smaller samples, no full libcst floor
    .venv/bin/python benchmarks/run.py --no-peers --corpus DIR --rounds 1   # codemod alone

The corpus is this machine's CPython 3.11 standard library without its tests and
without site-packages (every ``*.py`` outside ``site-packages`` and outside folders named
``test``, ``tests`` or ``idle_test``: 734 files, 327k lines for 3.11.7). It is copied to
a temporary folder, so nothing any tool writes reaches the original.

The peers (ruff, autoflake, libcst's own codemod runner, fixit, autotyping) are
installed from PyPI into their own virtual environment, ``benchmarks/.peers-venv`` by
default, created on the first run and reused afterwards.

Every case runs each of its tools once per round, the tools alternating (the order
rotates from round to round, so none is always first on a cold disk cache), and the
table shows medians. Each tool runs as a child process reaped with ``os.wait4``: wall
time, CPU time (user + system of the process and every child it waited for, e.g. a
process pool) and peak RSS (the largest single process of that tree). A peer that
would need far too long for the whole corpus (libcst's runner, and the libcst metadata
floor) runs on a deterministic sample and is extrapolated by lines; the table says so.

The table is printed and written to ``benchmarks/RESULTS.md`` (``--results``), with the
date, the machine, the tool versions and the issue's targets beside the measured values.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(HERE)
DEFAULT_STDLIB = "/root/.pyenv/versions/3.11.7/lib/python3.11"
DEFAULT_PEERS_VENV = os.path.join(HERE, ".peers-venv")
DEFAULT_CODEMOD_VENV = os.path.join(HERE, ".codemod-venv")
DEFAULT_RESULTS = os.path.join(HERE, "RESULTS.md")
CLEAN_FIXTURE = os.path.join(HERE, "fixtures", "clean_module.py")
NEEDS_FIXES_FIXTURE = os.path.join(REPOSITORY, "examples", "consumer_store.py")

#: folders left out of the corpus: the standard library's own tests, and what pip installed
EXCLUDED_FOLDERS = ("site-packages", "test", "tests", "idle_test")

PEER_PACKAGES = ("ruff", "autoflake", "libcst", "fixit", "autotyping")
ALL_TOOLS = ("codemod", "ruff", "autoflake", "libcst", "fixit", "autotyping")
TOOL_LABELS = {
    "codemod": "codemod",
    "ruff": "ruff",
    "autoflake": "autoflake",
    "libcst": "libcst's runner",
    "fixit": "fixit",
    "autotyping": "autotyping",
    "floor": "floor",
}
#: the six built-in codemods of the issue, in their run order
SIX_CODEMODS = ("naming", "sql-params", "unused-variables", "unused-imports", "type-hints", "docstrings")
MB = 1024 * 1024


# ---------------------------------------------------------------------------------------
# measuring one child process


@dataclass
class Measurement:
    wall: float
    cpu: float
    rss: int  # bytes, the largest single process of the child's tree
    returncode: int
    output_tail: str = ""


def measure(argv: Sequence[str], cwd: str, env: Optional[Dict[str, str]] = None) -> Measurement:
    """Run ``argv`` to completion and account for it (and the children it waited for)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0, os.SEEK_END)
        output.seek(max(0, output.tell() - 4000))
        tail = output.read().decode("utf-8", "replace")
    return Measurement(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                       process.returncode, tail)


# ---------------------------------------------------------------------------------------
# the corpus


@dataclass
class Corpus:
    root: str  # the copy every tool reads
    files: List[str]  # relative paths, sorted
    lines: Dict[str, int]

    @property
    def total_lines(self) -> int:
        return sum(self.lines.values())


def corpus_files(source: str) -> List[str]:
    found = []
    for folder, subfolders, filenames in os.walk(source):
        subfolders[:] = sorted(d for d in subfolders if d not in EXCLUDED_FOLDERS and d != "__pycache__")
        for name in filenames:
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(folder, name), source))
    return sorted(found)


def copy_corpus(source: str, destination: str) -> Corpus:
    files = corpus_files(source)
    lines = {}
    for relative in files:
        target = os.path.join(destination, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(source, relative), target)
        with open(target, "rb") as handle:
            lines[relative] = handle.read().count(b"\n")
    return Corpus(destination, files, lines)


def deterministic_sample(corpus: Corpus, percent: float) -> List[str]:
    """Files in an order fixed by a hash of their paths, until ``percent`` of the lines."""
    ordered = sorted(corpus.files, key=lambda p: hashlib.blake2b(p.encode(), digest_size=8).digest())
    wanted = corpus.total_lines * percent / 100.0
    chosen, total = [], 0
    for relative in ordered:
        if total >= wanted:
            break
        chosen.append(relative)
        total += corpus.lines[relative]
    return sorted(chosen)


def copy_files(corpus: Corpus, files: Sequence[str], destination: str) -> None:
    for relative in files:
        target = os.path.join(destination, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(corpus.root, relative), target)


def write_run_config(folder: str) -> None:
    """Make every tool see the same files: codemod and ruff exclude folders named
    ``venv`` by default, and the standard library has one."""
    with open(os.path.join(folder, "pyproject.toml"), "w", encoding="utf-8") as handle:
        handle.write('[tool.codemods]\nexclude = [".codemods_cache"]\n\n[tool.ruff]\nexclude = []\n')


# ---------------------------------------------------------------------------------------
# the tools


@dataclass
class Tools:
    codemod: List[str]
    peers_bin: Optional[str]  # the peers' virtual environment's bin folder
    landed: Tuple[str, ...]  # the six codemods that exist today
    defaults: Tuple[str, ...]

    def peer(self, name: str) -> List[str]:
        assert self.peers_bin is not None
        return [os.path.join(self.peers_bin, name)]

    def peer_python(self) -> List[str]:
        return self.peer("python")


def codemod_command() -> List[str]:
    script = os.path.join(os.path.dirname(sys.executable), "codemod")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "codemods"]


def install_codemod(folder: str, log: Callable[[str], None]) -> List[str]:
    """``codemod`` from a regular (not editable) install of this working tree, the way
    pre-commit installs a hook: an editable install adds an import finder to every start."""
    bin_folder = os.path.join(folder, "bin")
    python = os.path.join(bin_folder, "python")
    repo = os.path.dirname(HERE)
    if not os.path.exists(python):
        log(f"creating {folder} for a regular install of codemods (once; reused by later runs)")
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
        extra: List[str] = []
    else:
        extra = ["--force-reinstall", "--no-deps"]  # the dependencies are there; the tree changed
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *extra, repo],
                   check=True, stdout=subprocess.DEVNULL)
    return [os.path.join(bin_folder, "codemod")]


def list_codemods(command: List[str]) -> List[Tuple[str, bool, bool]]:
    """(id, safe, on by default) of every codemod ``codemod list`` shows."""
    listing = subprocess.run(command + ["list"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            found.append((parts[0], parts[1] == "safe", parts[2] == "on"))
    return found


def ensure_peers(folder: str, log: Callable[[str], None]) -> str:
    """The peers' virtual environment's bin folder, created and filled on first use."""
    bin_folder = os.path.join(folder, "bin")
    marker = os.path.join(folder, ".installed")
    wanted = " ".join(PEER_PACKAGES)
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as handle:
            if handle.read().strip() == wanted:
                return bin_folder
    log(f"creating {folder} and installing {wanted} from PyPI (once; reused by later runs)")
    subprocess.run([sys.executable, "-m", "venv", folder], check=True)
    subprocess.run([os.path.join(bin_folder, "python"), "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", *PEER_PACKAGES], check=True)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(wanted + "\n")
    return bin_folder


def peer_versions(bin_folder: str) -> Dict[str, str]:
    script = ("import importlib.metadata as m, json, sys\n"
              f"print(json.dumps({{n: m.version(n) for n in {list(PEER_PACKAGES)!r}}}))")
    output = subprocess.run([os.path.join(bin_folder, "python"), "-c", script],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)


# ---------------------------------------------------------------------------------------
# cases


@dataclass
class Run:
    """One tool in one case: how to prepare (untimed) and what to run (timed)."""

    tool: str
    argv: Callable[[int], List[str]]  # round number -> command line
    cwd: str
    prepare: Optional[Callable[[int], None]] = None
    extrapolate: float = 1.0  # corpus lines / sample lines, when run on a sample
    #: for a sampled run: the same tool on a one-line file, measured in the same round;
    #: its start-up is counted once, only the rest is scaled up
    baseline: Optional[Callable[[int], List[str]]] = None
    note: str = ""
    ok_codes: Tuple[int, ...] = (0, 1)
    measurements: List[Measurement] = field(default_factory=list)
    baselines: List[Measurement] = field(default_factory=list)


@dataclass
class Case:
    key: str
    title: str
    runs: List[Run]
    rounds: int
    note: str = ""


@dataclass
class Target:
    case: str
    text: str  # the wording
    measured: Callable[[Dict[str, Run]], Optional[float]]
    limit: Callable[[Dict[str, Run]], Optional[float]]
    unit: str


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _scaled(run: Run, values: List[float], baselines: List[float]) -> float:
    if run.extrapolate == 1.0:
        return median(values)
    startup = min(median(baselines), median(values)) if baselines else 0.0
    return startup + (median(values) - startup) * run.extrapolate


def wall_of(run: Run) -> float:
    return _scaled(run, [m.wall for m in run.measurements], [m.wall for m in run.baselines])


def cpu_of(run: Run) -> float:
    return _scaled(run, [m.cpu for m in run.measurements], [m.cpu for m in run.baselines])


def rss_of(run: Run) -> float:
    return max((m.rss for m in run.measurements), default=0) / MB


FLOOR_SCRIPT = r'''
import ast, hashlib, sys
mode, listing = sys.argv[1], sys.argv[2]
with open(listing, encoding="utf-8") as handle:
    paths = [p for p in handle.read().split("\n") if p]
if mode.startswith("libcst"):
    import libcst
    from libcst.metadata import (MetadataWrapper, ParentNodeProvider, PositionProvider,
                                 QualifiedNameProvider, ScopeProvider)
sys.setrecursionlimit(12000)
failed = 0
for path in paths:
    with open(path, "rb") as handle:
        raw = handle.read()
    if mode == "hash":
        hashlib.blake2b(raw, digest_size=16).hexdigest()
        continue
    try:
        if mode == "ast":
            ast.parse(raw, path)
        elif mode == "libcst":
            libcst.parse_module(raw)
        elif mode == "libcst-metadata":
            wrapper = MetadataWrapper(libcst.parse_module(raw), unsafe_skip_copy=True)
            wrapper.resolve_many([ScopeProvider, QualifiedNameProvider, ParentNodeProvider, PositionProvider])
    except Exception:
        failed += 1
print(f"{len(paths)} files, {failed} failed")
'''


def build_cases(args: argparse.Namespace, corpus: Corpus, tools: Tools, work: str,
                clean_file: str, log: Callable[[str], None]) -> Tuple[List[Case], Dict[str, str]]:
    selected = set(args.tools)
    facts: Dict[str, str] = {}
    cases: List[Case] = []
    corpus_dir = corpus.root
    # Until the codemods land, the corpus cases run with the default selection, so the
    # rows (and the smoke test) exist from the start; the table says which ran.
    everything = list(tools.landed)
    unused = [c for c in ("unused-imports", "unused-variables") if c in tools.landed]
    unused_select = ["--select", ",".join(unused)] if unused else []
    six = (["--select", ",".join(everything)] if everything else []) + ["--unsafe-fixes"]
    unused_label = ",".join(unused) if unused else "(not landed: default selection)"
    six_label = ", ".join(everything) if everything else "none landed: default selection"

    def wanted(tool: str) -> bool:
        return tool in selected

    # -- pre-commit on one file: each tool edits its own fresh copy, every round
    unused_import_file = write_unused_import_file(clean_file, os.path.join(work, "fixtures"))
    for key, title, source, peers in (
        ("precommit-clean", "pre-commit, 1 file with nothing to fix, default codemods", clean_file, None),
        ("precommit-fix", "pre-commit, 1 file that needs fixes, default codemods", NEEDS_FIXES_FIXTURE, None),
        # issue 16: the commonest fix, which a splice makes without libcst
        ("precommit-unused-import", "pre-commit, 1 file with one unused import, default codemods",
         unused_import_file, ("ruff", "autoflake")),
    ):
        with open(source, "rb") as handle:
            line_count = handle.read().count(b"\n")
        name = os.path.basename(source)
        runs: List[Run] = []

        def add(tool: str, argv: Callable[[str], List[str]], ok: Tuple[int, ...] = (0, 1), note: str = "",
                peers: Optional[Tuple[str, ...]] = peers) -> None:
            if not wanted(tool) or (tool != "codemod" and peers is not None and tool not in peers):
                return
            folder = os.path.join(work, key, tool)
            os.makedirs(folder, exist_ok=True)
            target = os.path.join(folder, name)
            write_run_config(folder)

            def prepare(_round: int, target: str = target, source: str = source) -> None:
                shutil.copyfile(source, target)
            runs.append(Run(tool, lambda _r, argv=argv, target=target: argv(target), folder, prepare,
                            ok_codes=ok, note=note))

        # the hook's own command (hooks/.pre-commit-hooks.yaml), without the cache so
        # every round does the work
        add("codemod", lambda f: tools.codemod + ["apply", "--force-exclude", "--no-cache", f], note="apply, no cache")
        if tools.peers_bin:
            add("ruff", lambda f: tools.peer("ruff") + ["check", "--no-cache", "--fix", f], note="check --fix, default rules")
            add("autoflake", lambda f: tools.peer("autoflake") + ["--in-place", "--remove-all-unused-imports",
                                                                  "--remove-unused-variables", f])
            add("libcst", lambda f: tools.peer_python() + ["-m", "libcst.tool", "codemod", "--no-format", "--hide-progress",
                                                           "remove_unused_imports.RemoveUnusedImportsCommand", f],
                note="RemoveUnusedImportsCommand")
            add("fixit", lambda f: tools.peer("fixit") + ["fix", "--automatic", f], note="fix --automatic, default rules")
            add("autotyping", lambda f: tools.peer("autotyping") + ["--safe", f], ok=(0,), note="--safe")
        cases.append(Case(key, f"{title} ({name}, {line_count} lines)", runs, args.precommit_rounds))

    # -- issue 13: pre-commit on one file of a 1,000-file project (the whole project is
    # indexed; the model is warm), against the same run on a one-file project
    if wanted("codemod"):
        cases.append(project_case(tools, work, args.precommit_rounds))

    # -- the whole corpus, read-only runs
    sample = deterministic_sample(corpus, args.sample_percent)
    sample_lines = sum(corpus.lines[p] for p in sample)
    sample_dir = os.path.join(work, "sample")
    copy_files(corpus, sample, sample_dir)
    write_run_config(sample_dir)
    factor = corpus.total_lines / max(1, sample_lines)
    # what a sampled tool costs to start: the same command on a one-line file
    baseline_dir = os.path.join(work, "baseline")
    os.makedirs(baseline_dir, exist_ok=True)
    write_run_config(baseline_dir)
    with open(os.path.join(baseline_dir, "one_line.py"), "w", encoding="utf-8") as handle:
        handle.write("import os\n")
    sample_note = f"sample of {len(sample)} files / {sample_lines:,} lines, extrapolated ×{factor:.1f}"
    facts["sample"] = sample_note

    runs = []
    if wanted("codemod"):
        runs.append(Run("codemod", lambda _r: tools.codemod + ["check", "--no-cache", *unused_select, corpus_dir],
                        work, note="check --no-cache"))
    if tools.peers_bin:
        if wanted("autoflake"):
            runs.append(Run("autoflake", lambda _r: tools.peer("autoflake") + [
                "--recursive", "--check-diff", "--remove-all-unused-imports", "--remove-unused-variables", corpus_dir],
                work, note="--check-diff, jobs = cores"))
        if wanted("ruff"):
            runs.append(Run("ruff", lambda _r: tools.peer("ruff") + [
                "check", "--no-cache", "--select", "F401,F841", "--unsafe-fixes", "--diff", corpus_dir],
                work, note="F401,F841 --diff"))
        if wanted("libcst"):
            runs.append(Run("libcst", lambda _r: tools.peer_python() + [
                "-m", "libcst.tool", "codemod", "--no-format", "--hide-progress", "--unified-diff=1",
                "remove_unused_imports.RemoveUnusedImportsCommand", sample_dir],
                work, extrapolate=factor, note="imports only; " + sample_note, ok_codes=(0,),
                baseline=lambda _r: tools.peer_python() + [
                    "-m", "libcst.tool", "codemod", "--no-format", "--hide-progress", "--unified-diff=1",
                    "remove_unused_imports.RemoveUnusedImportsCommand", baseline_dir]))
    cases.append(Case("corpus-unused", f"whole corpus, `check --select {unused_label}`, cold", runs, args.rounds))

    # With --codemod-sample the all-six cases run on the sample too (codemod on the
    # whole corpus may itself take far too long while it is far from its targets).
    six_dir = sample_dir if args.codemod_sample else corpus_dir
    six_factor = factor if args.codemod_sample else 1.0
    six_note = "; " + sample_note if args.codemod_sample else ""

    def six_baseline(extra: List[str]) -> Optional[Callable[[int], List[str]]]:
        if not args.codemod_sample:
            return None
        return lambda _r: tools.codemod + ["check", *extra, *six, baseline_dir]

    if wanted("codemod"):
        # Cold: each round starts from an empty cache folder (nothing to read, as on a
        # first run); the first round's folder then serves the warm case, so no extra
        # run over the corpus is needed to fill a cache.
        def cold_cache(round_number: int) -> str:
            return os.path.join(work, f"codemods-cache-cold-{round_number}")
        cases.append(Case("corpus-all", f"whole corpus, `check`, all six codemods ({six_label}), cold",
                          [Run("codemod", lambda r: tools.codemod + ["check", "--cache-dir", cold_cache(r), *six, six_dir],
                               work, note="--unsafe-fixes; empty cache folder" + six_note, extrapolate=six_factor,
                               baseline=six_baseline(["--no-cache"]))], args.rounds))

        # The warm cases always run on the whole corpus: a cache hit costs a read and a
        # hash per file, which does not scale with lines, so a sample cannot stand in.
        # With --codemod-sample the cold all-six run covered only the sample, so the
        # cache is filled (untimed) by a run of the default codemods instead, and the
        # warm run checks with the default codemods.
        warm_cache = os.path.join(work, "codemods-cache-warm")
        warm_select = [] if args.codemod_sample else six
        warm_label = "default codemods" if args.codemod_sample else "all six codemods"

        def fill_warm_cache(_round: int) -> None:
            if os.path.isdir(warm_cache):
                return
            if args.codemod_sample:
                log("  (untimed) codemod check with the default codemods over the corpus, to fill its cache")
                measure(tools.codemod + ["check", "--cache-dir", warm_cache, *warm_select, corpus_dir], work)
            else:
                shutil.copytree(cold_cache(0), warm_cache)
        warm_runs = [Run("codemod", lambda _r: tools.codemod + ["check", "--cache-dir", warm_cache, *warm_select,
                                                               corpus_dir], work, prepare=fill_warm_cache,
                         note=f"{warm_label}; the corpus as it is (files with fixes and findings are cached too)")]
        if tools.peers_bin and wanted("ruff"):
            ruff_cache = os.path.join(work, "ruff-cache")
            ruff_warm = lambda _r: tools.peer("ruff") + ["check", "--cache-dir", ruff_cache, "--select", "F401,F841", corpus_dir]

            def fill_ruff_cache(_round: int) -> None:
                if not os.path.isdir(ruff_cache):
                    measure(ruff_warm(0), work)
            warm_runs.append(Run("ruff", ruff_warm, work, prepare=fill_ruff_cache, note="F401,F841 with its cache"))
        cases.append(Case("corpus-warm", "whole corpus, second run with nothing changed (cache warm)", warm_runs,
                          args.rounds))

        if not args.quick:
            # the steady state the cache is for: a tree already fixed, checked again
            fixed_dir = os.path.join(work, "fixed")
            fixed_cache = os.path.join(work, "codemods-cache-fixed")
            fixed_check = lambda _r: tools.codemod + ["check", "--cache-dir", fixed_cache, *warm_select, fixed_dir]

            def apply_then_fill_cache(_round: int) -> None:
                if os.path.isdir(fixed_dir):
                    return
                copy_files(corpus, corpus.files, fixed_dir)
                write_run_config(fixed_dir)
                log(f"  (untimed) codemod apply ({warm_label}) over a copy of the corpus, then one check to fill its cache")
                measure(tools.codemod + ["apply", "--cache-dir", fixed_cache, *warm_select, fixed_dir], work)
                measure(fixed_check(0), work)
            cases.append(Case("corpus-warm-fixed", "whole corpus after `codemod apply`, second run (cache warm)",
                              [Run("codemod", fixed_check, work, prepare=apply_then_fill_cache,
                                   note=f"{warm_label}; after `codemod apply`, the second check")], args.rounds))

    # -- issue 13: the project model of the corpus, cold (no cache), in one process
    if wanted("codemod"):
        model_script = os.path.join(work, "cold_model.py")
        with open(model_script, "w", encoding="utf-8") as handle:
            handle.write(COLD_MODEL_SCRIPT)
        cases.append(Case("model-cold", "project model of the whole corpus, cold (no cache)",
                          [Run("codemod", lambda _r: [codemod_python(tools.codemod), model_script, corpus_dir], work,
                               note="codemods.analysis.project.build_model, one process", ok_codes=(0,))],
                          args.rounds))

    # -- floors: one process each, on one core
    listing_all = os.path.join(work, "all-files.txt")
    listing_sample = os.path.join(work, "sample-files.txt")
    with open(listing_all, "w", encoding="utf-8") as handle:
        handle.write("\n".join(os.path.join(corpus.root, p) for p in corpus.files))
    with open(listing_sample, "w", encoding="utf-8") as handle:
        handle.write("\n".join(os.path.join(corpus.root, p) for p in sample))
    listing_baseline = os.path.join(work, "baseline-files.txt")
    with open(listing_baseline, "w", encoding="utf-8") as handle:
        handle.write(os.path.join(baseline_dir, "one_line.py"))
    floor_script = os.path.join(work, "floor.py")
    with open(floor_script, "w", encoding="utf-8") as handle:
        handle.write(FLOOR_SCRIPT)
    if not args.no_floors:
        def floor(mode: str, listing: str) -> Callable[[int], List[str]]:
            return lambda _r: [sys.executable, floor_script, mode, listing]
        libcst_full = not args.quick
        floors = [
            Run("floor", floor("hash", listing_all), work, note="read + blake2b every file", ok_codes=(0,)),
            Run("floor", floor("ast", listing_all), work, note="`ast.parse` every file", ok_codes=(0,)),
            Run("floor", floor("libcst", listing_all if libcst_full else listing_sample), work,
                extrapolate=1.0 if libcst_full else factor,
                baseline=None if libcst_full else floor("libcst", listing_baseline),
                note="libcst parse every file" + ("" if libcst_full else "; " + sample_note), ok_codes=(0,)),
            Run("floor", floor("libcst-metadata", listing_sample), work, extrapolate=factor,
                baseline=floor("libcst-metadata", listing_baseline),
                note="libcst parse + scope, qualified name, parent, position metadata; " + sample_note, ok_codes=(0,)),
        ]
        for index, run in enumerate(floors):
            rounds = args.rounds if index < 2 else args.libcst_floor_rounds
            cases.append(Case(f"floor-{index}", "floor (one process, one core)", [run], rounds))
    return cases, facts


#: the unused import the one-import case adds (a module a file rarely imports already)
UNUSED_IMPORT = "import colorsys\n"


def write_unused_import_file(clean_file: str, folder: str) -> str:
    """The clean file with one unused ``import`` statement added, before its first
    import (after ``from __future__`` imports), or at its end when it has none."""
    with open(clean_file, encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    at = next((index for index, line in enumerate(lines) if line.startswith(("import ", "from "))
               and not line.startswith("from __future__ ")), len(lines))
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(at, UNUSED_IMPORT)
    os.makedirs(folder, exist_ok=True)
    stem = os.path.splitext(os.path.basename(clean_file))[0]
    path = os.path.join(folder, f"{stem}_unused_import.py")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(lines))
    return path


SYNTHETIC_PROJECT = os.path.join(HERE, "synthetic_project.py")

COLD_MODEL_SCRIPT = '''\
import sys
from codemods.analysis.project import build_model, project_files
model = build_model(project_files(sys.argv[1]), root=sys.argv[1])
print(len(model.paths()), "files")
'''


def codemod_python(command: List[str]) -> str:
    """The Python that runs ``codemod`` (its virtual environment's)."""
    if command[0].endswith("codemod"):
        return os.path.join(os.path.dirname(command[0]), "python")
    return command[0]


def project_case(tools: Tools, work: str, rounds: int) -> Case:
    """``codemod check`` of one file of a synthetic 1,000-module git project with a warm
    model; its baseline (measured in the same rounds) is the same run on a one-module
    project, and the target is at most 0.1 s more."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic_project", SYNTHETIC_PROJECT)
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)  # type: ignore[union-attr]
    folders = {}
    for count in (1000, 1):
        folder = os.path.join(work, f"project-{count}")
        synthetic.write_project(folder, count)
        for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=b", "-c", "user.email=b@example.invalid",
                                                         "commit", "-q", "-m", "synthetic"]):
            subprocess.run(["git", *command], cwd=folder, capture_output=True, check=False)
        folders[count] = folder

    def check(count: int, module: str) -> List[str]:
        folder = folders[count]
        return tools.codemod + ["check", "--cache-dir", os.path.join(folder, ".codemods_cache"),
                                os.path.join(folder, "app", module)]

    def warm(_round: int) -> None:
        for count, module in ((1000, "m0500.py"), (1, "m0000.py")):
            if not os.path.isdir(os.path.join(folders[count], ".codemods_cache")):
                measure(check(count, module), work)  # untimed: fills the model and the cache

    run = Run("codemod", lambda _r: check(1000, "m0500.py"), work, prepare=warm,
              baseline=lambda _r: check(1, "m0000.py"), ok_codes=(0,),
              note="check of one file, default codemods, model and cache warm; "
                   "baseline: the same on a one-module project")
    return Case("project-1000", "pre-commit, 1 file of a 1,000-file project (issue 13)", [run], rounds)


def _project_limit(runs: Dict[str, Run]) -> Optional[float]:
    run = runs.get("codemod")
    if run is None or not run.baselines:
        return None
    return median([m.wall for m in run.baselines]) + 0.1


def targets() -> List[Target]:
    def tool(case: Dict[str, Run], name: str) -> Optional[Run]:
        return case.get(name)

    def metric(name: str, what: Callable[[Run], float]) -> Callable[[Dict[str, Run]], Optional[float]]:
        return lambda runs: what(runs[name]) if name in runs and runs[name].measurements else None

    def constant(value: float) -> Callable[[Dict[str, Run]], Optional[float]]:
        return lambda runs: value

    def half_of_autoflake(runs: Dict[str, Run]) -> Optional[float]:
        peer = tool(runs, "autoflake")
        limit = 15.0
        if peer is not None and peer.measurements:
            limit = min(limit, cpu_of(peer) / 2)
        return limit

    def times_autoflake(factor: float, what: Callable[[Run], float]) -> Callable[[Dict[str, Run]], Optional[float]]:
        """Issue 16's targets: a share of autoflake's figure measured in the same run."""
        def limit(runs: Dict[str, Run]) -> Optional[float]:
            peer = tool(runs, "autoflake")
            return factor * what(peer) if peer is not None and peer.measurements else None
        return limit

    return [
        Target("precommit-clean", "≤ 0.06 s wall", metric("codemod", wall_of), constant(0.06), "s wall"),
        Target("precommit-clean", "≤ 0.8 × autoflake's wall (issue 16)", metric("codemod", wall_of),
               times_autoflake(0.8, wall_of), "s wall"),
        Target("precommit-unused-import", "≤ autoflake's wall (issue 16)", metric("codemod", wall_of),
               times_autoflake(1.0, wall_of), "s wall"),
        Target("precommit-fix", "≤ 0.4 s wall", metric("codemod", wall_of), constant(0.4), "s wall"),
        Target("corpus-unused", "≤ 15 s CPU and 2× faster than autoflake", metric("codemod", cpu_of), half_of_autoflake, "s CPU"),
        Target("corpus-unused", "≤ 0.5 × autoflake's CPU (issue 16)", metric("codemod", cpu_of),
               times_autoflake(0.5, cpu_of), "s CPU"),
        Target("corpus-all", "≤ 120 s CPU", metric("codemod", cpu_of), constant(120.0), "s CPU"),
        Target("corpus-warm", "≤ 0.5 s wall", metric("codemod", wall_of), constant(0.5), "s wall"),
        Target("corpus-warm-fixed", "≤ 0.5 s wall", metric("codemod", wall_of), constant(0.5), "s wall"),
        Target("corpus-all", "peak memory ≤ 300 MB per process", metric("codemod", rss_of), constant(300.0), "MB"),
        Target("project-1000", "≤ 0.1 s wall more than on a 1-file project", metric("codemod", wall_of),
               _project_limit, "s wall"),
        Target("model-cold", "≤ 3 s CPU", metric("codemod", cpu_of), constant(3.0), "s CPU"),
    ]


# ---------------------------------------------------------------------------------------
# running and reporting


def run_cases(cases: List[Case], log: Callable[[str], None],
              after_round: Optional[Callable[[int, int], None]] = None) -> None:
    total = max((c.rounds for c in cases), default=0)
    for round_number in range(total):
        for case in cases:
            if round_number >= case.rounds or not case.runs:
                continue
            shift = round_number % len(case.runs)
            for run in case.runs[shift:] + case.runs[:shift]:
                if run.prepare is not None:
                    run.prepare(round_number)
                if run.baseline is not None:
                    run.baselines.append(measure(run.baseline(round_number), run.cwd))
                measurement = measure(run.argv(round_number), run.cwd)
                run.measurements.append(measurement)
                if measurement.returncode not in run.ok_codes:
                    log(f"  ! {case.key} {run.tool} exited {measurement.returncode}: "
                        f"{measurement.output_tail.strip().splitlines()[-1:] or ''}")
                log(f"  round {round_number + 1}  {case.key:<18} {TOOL_LABELS[run.tool]:<16} "
                    f"{measurement.wall:8.3f} s wall {measurement.cpu:8.3f} s CPU {measurement.rss / MB:7.1f} MB")
        if after_round is not None:
            after_round(round_number + 1, total)


def _seconds(value: float) -> str:
    if value != value:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _ratio(peer: float, ours: Optional[float]) -> str:
    if not ours or ours != ours or peer != peer:
        return "—"
    ratio = peer / ours
    return f"{ratio:.1f}×" if ratio >= 0.95 else f"1/{1 / ratio:,.{0 if ratio < 0.1 else 1}f}"


def results_table(cases: List[Case]) -> List[str]:
    lines = [
        "| case | tool | wall s | CPU s | peak RSS MB | wall ÷ codemod | CPU ÷ codemod | exit | how |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for case in cases:
        ours = next((r for r in case.runs if r.tool == "codemod" and r.measurements), None)
        for run in case.runs:
            if not run.measurements:
                continue
            codes = [f"{c}" if c in run.ok_codes else f"**{c}: failed?**" for c in sorted({m.returncode for m in run.measurements})]
            wall, cpu = wall_of(run), cpu_of(run)
            sampled = " (extrapolated)" if run.extrapolate != 1.0 else ""
            peer = run.tool != "codemod" and run.tool != "floor"
            ratio_wall = _ratio(wall, wall_of(ours)) if ours is not None and run is not ours else ("1×" if run is ours else "—")
            ratio_cpu = _ratio(cpu, cpu_of(ours)) if ours is not None and run is not ours else ("1×" if run is ours else "—")
            if not peer and run is not ours:
                ratio_wall = ratio_cpu = "—"
            lines.append(
                f"| {case.title} | {TOOL_LABELS[run.tool]} | {_seconds(wall)}{sampled} | {_seconds(cpu)}{sampled} | "
                f"{rss_of(run):.0f} | {ratio_wall} | {ratio_cpu} | {', '.join(codes)} | {run.note} |")
    return lines


def targets_table(cases: List[Case]) -> List[str]:
    by_key = {c.key: {r.tool: r for r in c.runs} for c in cases}
    titles = {c.key: c.title for c in cases}
    lines = ["| case | target | measured | met? |", "|---|---|---:|---|"]
    for target in targets():
        runs = by_key.get(target.case)
        if runs is None:
            continue
        value, limit = target.measured(runs), target.limit(runs)
        if value is None or limit is None:
            continue
        verdict = "met" if value <= limit else f"**not met** ({value / limit:.1f}× the target)"
        relative = target.case in ("corpus-unused", "project-1000") or "autoflake's" in target.text
        here = f" (here ≤ {limit:.3g} {target.unit})" if relative else ""
        lines.append(f"| {titles[target.case]} | {target.text}{here} | "
                     f"{value:.3g} {target.unit} | {verdict} |")
    return lines


def machine_facts() -> Dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import importlib.metadata as metadata

        libcst_version = metadata.version("libcst")
    except Exception:
        libcst_version = "not installed"
    try:
        load = "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY, capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    from codemods import __version__

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libcst": libcst_version,
        "codemods": f"{__version__} (commit {commit or '?'})",
        "load": load,
        "os": platform.platform(),
    }


def write_results(path: str, report: List[str]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(report) + "\n")


def find_clean_file(tools: Tools, corpus: Corpus, work: str, log: Callable[[str], None]) -> str:
    """The bundled clean fixture if codemod finds nothing to do in it, else the corpus
    file nearest 200 lines that codemod leaves alone (default codemods)."""
    probe = os.path.join(work, "probe")
    os.makedirs(probe, exist_ok=True)
    write_run_config(probe)
    candidates = [CLEAN_FIXTURE] + [os.path.join(corpus.root, p) for p in
                                    sorted(corpus.files, key=lambda p: (abs(corpus.lines[p] - 200), p))[:40]]
    for candidate in candidates:
        copy = os.path.join(probe, os.path.basename(candidate))
        shutil.copyfile(candidate, copy)
        if measure(tools.codemod + ["check", "--no-cache", copy], probe).returncode == 0:
            return candidate
        log(f"  {os.path.relpath(candidate, REPOSITORY if candidate == CLEAN_FIXTURE else corpus.root)}: "
            "codemod would change it; trying another clean file")
    log("  no clean file found; using the bundled fixture anyway")
    return CLEAN_FIXTURE


def parse_arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", metavar="DIR", help=f"folder of Python files to use instead of {DEFAULT_STDLIB}")
    parser.add_argument("--stdlib", metavar="DIR", default=DEFAULT_STDLIB, help="the standard library to copy (default: %(default)s)")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help="comma-separated subset of: " + ", ".join(ALL_TOOLS))
    parser.add_argument("--no-peers", action="store_true", help="codemod only; installs nothing")
    parser.add_argument("--peers-venv", default=DEFAULT_PEERS_VENV, metavar="DIR", help="virtual environment of the peers (default: %(default)s)")
    parser.add_argument("--editable", action="store_true",
                        help="time the codemod of the running Python (an editable install) instead of a regular "
                             "install of this tree in benchmarks/.codemod-venv (the default when peers are timed)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of the whole-corpus cases and cheap floors (default 3; --quick 1)")
    parser.add_argument("--precommit-rounds", type=int, default=None, help="rounds of the one-file cases (default 7; --quick 3)")
    parser.add_argument("--libcst-floor-rounds", type=int, default=1, help="rounds of the libcst floors (default 1)")
    parser.add_argument("--sample-percent", type=float, default=None, help="size of the sample for extrapolated runs, in %% of the lines (default 4; --quick 2)")
    parser.add_argument("--quick", action="store_true", help="one round, smaller samples, libcst parse floor on the sample, no after-apply cache case")
    parser.add_argument("--no-floors", action="store_true", help="skip the floors")
    parser.add_argument("--codemod-sample", action="store_true",
                        help="run codemod's all-six cases on the sample too, extrapolated (while it is far too slow for the whole corpus)")
    parser.add_argument("--results", default=DEFAULT_RESULTS, metavar="FILE", help="markdown file to write (default: %(default)s)")
    parser.add_argument("--no-results", action="store_true", help="print the table only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    args.tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    unknown = sorted(set(args.tools) - set(ALL_TOOLS))
    if unknown:
        parser.error(f"unknown tool {unknown[0]!r}; choose from {', '.join(ALL_TOOLS)}")
    if args.no_peers:
        args.tools = tuple(t for t in args.tools if t == "codemod") or ("codemod",)
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.precommit_rounds is None:
        args.precommit_rounds = 3 if args.quick else 7
    if args.sample_percent is None:
        args.sample_percent = 2.0 if args.quick else 4.0
    return args


def render_report(args: argparse.Namespace, argv: Sequence[str], facts: Dict[str, str], versions: Dict[str, str],
                  corpus_line: str, landed: Tuple[str, ...], defaults: Tuple[str, ...], extra: Dict[str, str],
                  cases: List[Case], elapsed: float, progress: str) -> List[str]:
    rounds = (f"{args.precommit_rounds} rounds for one-file cases, {args.rounds} for whole-corpus cases, "
              f"{args.libcst_floor_rounds} for the libcst floors")
    return [
        "# Benchmark results",
        "",
        f"Run {datetime.date.today().isoformat()} with `benchmarks/run.py {' '.join(argv)}` "
        f"({elapsed / 60:.1f} minutes{progress}).",
        "",
        f"- machine: {facts['cpu']}, {facts['cores']} cores, {facts['os']}; load average at start {facts['load']}",
        f"- Python: {facts['python']}; libcst {facts['libcst']}; codemods {facts['codemods']}",
        f"- codemod timed: {extra.get('codemod', 'as installed here')}",
        f"- peers: {', '.join(f'{k} {v}' for k, v in versions.items()) or 'not run'}",
        f"- corpus: {corpus_line}",
        f"- codemods present: {', '.join(landed) or 'none of the six'}; on by default: {', '.join(defaults) or 'none'}",
        f"- medians of {rounds}; tools alternate, the order rotating each round",
        f"- extrapolated rows: {extra.get('sample', '')}; the tool's start-up (the same command on a one-line file) "
        "is counted once, the rest scaled by lines",
        "- CPU = user + system of the process and every child it waited for; peak RSS = the largest single process",
        "- ratios are the peer's figure ÷ codemod's: above 1× codemod is faster; 1/N: the peer is N times faster",
        "",
        "## Targets (issue 8)",
        "",
        *targets_table(cases),
        "",
        "## All measurements",
        "",
        *results_table(cases),
        "",
    ]


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_arguments(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    # Every tool starts as its users start it: with bytecode caches. (Some machines set
    # PYTHONDONTWRITEBYTECODE, which makes an editable install recompile every run.)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
                    + "/codemods"], check=False, stdout=subprocess.DEVNULL)
    facts = machine_facts()
    work = tempfile.mkdtemp(prefix="codemods-bench-")
    try:
        source = args.corpus or args.stdlib
        corpus = copy_corpus(source, os.path.join(work, "corpus"))
        write_run_config(corpus.root)
        corpus_line = (f"{len(corpus.files)} files, {corpus.total_lines:,} lines: every `*.py` under {source} "
                       f"outside folders named {', '.join(EXCLUDED_FOLDERS)}")
        print(f"corpus: {corpus_line}", flush=True)
        regular = not args.editable and bool(set(args.tools) - {"codemod"})
        command = install_codemod(DEFAULT_CODEMOD_VENV, log) if regular else codemod_command()
        how = ("a regular (not editable) install of this tree in benchmarks/.codemod-venv, as pre-commit installs it"
               if regular else "the running Python's install (editable in a checkout)")
        print(f"codemod: {command[0]} ({how})", flush=True)
        listed = list_codemods(command)
        landed = tuple(c for c in SIX_CODEMODS if c in {i for i, _, _ in listed})
        defaults = tuple(i for i, _, on in listed if on)
        print(f"codemods: {', '.join(landed) or 'none of the six'} of the six landed; "
              f"on by default: {', '.join(defaults) or 'none'}", flush=True)
        peers_bin = None
        versions: Dict[str, str] = {}
        if set(args.tools) - {"codemod"}:
            peers_bin = ensure_peers(args.peers_venv, log)
            versions = peer_versions(peers_bin)
        tools = Tools(command, peers_bin, landed, defaults)
        clean_file = find_clean_file(tools, corpus, work, log)
        cases, extra = build_cases(args, corpus, tools, work, clean_file, log)
        extra["codemod"] = how

        def report(progress: str) -> List[str]:
            return render_report(args, argv, facts, versions, corpus_line, landed, defaults, extra, cases,
                                 time.perf_counter() - started, progress)

        def after_round(done: int, total: int) -> None:
            # a long run killed half-way still leaves the rounds it finished
            if done < total and not args.no_results:
                write_results(args.results, report(f"; partial: {done} of {total} rounds"))
                log(f"round {done} of {total} done; wrote {args.results}")

        run_cases(cases, log, after_round)
        final = report("")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(final))
    if not args.no_results:
        write_results(args.results, final)
        log(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
