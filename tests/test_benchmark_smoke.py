"""The benchmark script runs end to end on a tiny corpus, codemod alone (no peers,
nothing installed), and writes a table with every case of issue 8; plus the pieces
that decide what the full run measures (the corpus definition, the sample)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from tests.helpers import REPO

SCRIPT = os.path.join(REPO, "benchmarks", "run.py")

TINY_CORPUS = {
    "pkg/__init__.py": "",
    "pkg/shapes.py": (
        "import math\n"
        "import os\n\n\n"
        "def area(radius):\n"
        "    unused = 2\n"
        "    return math.pi * radius ** 2\n"
    ),
    "tool.py": 'def main() -> None:\n    """Print a greeting."""\n    print("hello")\n',
}


def load_benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def write_tree(root, files):
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def table_rows(text: str):
    """(case, tool, wall, cpu, rss) for every row of the measurements table."""
    section = text.split("## All measurements", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] in ("case", "") or set(cells[0]) <= {"-"}:
            continue
        number = re.compile(r"^[0-9.]+")
        rows.append((cells[0], cells[1], float(number.match(cells[2]).group()),
                     float(number.match(cells[3]).group()), float(cells[4])))
    return rows


def test_benchmark_runs_on_a_tiny_corpus_with_codemod_alone(tmp_path):
    corpus = tmp_path / "corpus"
    write_tree(corpus, TINY_CORPUS)
    results = tmp_path / "RESULTS.md"
    peers = tmp_path / "peers-venv"
    done = subprocess.run(
        [sys.executable, SCRIPT, "--tools", "codemod", "--no-peers", "--corpus", str(corpus), "--rounds", "1",
         "--precommit-rounds", "1", "--peers-venv", str(peers), "--results", str(results)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not peers.exists(), "installed peers although told not to"
    lines = sum(text.count("\n") for text in TINY_CORPUS.values())
    assert f"corpus: 3 files, {lines} lines" in done.stdout

    written = results.read_text(encoding="utf-8")
    assert written.strip() in done.stdout
    assert re.search(r"Run \d{4}-\d{2}-\d{2} with", written)
    assert "- machine: " in written and "libcst 1." in written
    assert "## Targets (issue 8)" in written

    rows = table_rows(written)
    cases = [case for case, tool, *_ in rows if tool == "codemod"]
    expected = [
        "pre-commit, 1 file with nothing to fix",
        "pre-commit, 1 file that needs fixes",
        "pre-commit, 1 file with one unused import",
        "pre-commit, 1 file of a 1,000-file project",
        "whole corpus, `check --select",
        "whole corpus, `check`, all six codemods",
        "whole corpus, second run with nothing changed",
        "whole corpus after `codemod apply`, second run",
        "project model of the whole corpus, cold",
    ]
    assert len(cases) == len(expected)
    for case, prefix in zip(cases, expected):
        assert case.startswith(prefix), (case, prefix)
    floors = [row for row in rows if row[1] == "floor"]
    assert len(floors) == 4
    assert {tool for _, tool, *_ in rows} == {"codemod", "floor"}
    for case, tool, wall, cpu, rss in rows:
        assert wall > 0 and cpu > 0 and rss > 0, (case, tool)
    # every codemod case is checked against its target, met or not
    targets = written.split("## Targets (issue 8)", 1)[1].split("## All measurements", 1)[0]
    verdicts = re.findall(r"\| (met|\*\*not met\*\* \(.*\)) \|$", targets, re.MULTILINE)
    assert len(verdicts) == 9, targets


def test_one_unused_import_case_adds_one_import_to_the_clean_file(tmp_path):
    benchmark = load_benchmark()
    clean = tmp_path / "clean.py"
    clean.write_text('"""Doc."""\n\nfrom __future__ import annotations\n\nimport math\n\nprint(math.pi)\n',
                     encoding="utf-8")
    derived = benchmark.write_unused_import_file(str(clean), str(tmp_path / "out"))
    assert open(derived, encoding="utf-8").read() == (
        '"""Doc."""\n\nfrom __future__ import annotations\n\nimport colorsys\nimport math\n\nprint(math.pi)\n')
    bare = tmp_path / "bare.py"
    bare.write_text("print(1)", encoding="utf-8")
    derived = benchmark.write_unused_import_file(str(bare), str(tmp_path / "out"))
    assert open(derived, encoding="utf-8").read() == "print(1)\nimport colorsys\n"


def test_corpus_leaves_out_tests_and_installed_packages(tmp_path):
    benchmark = load_benchmark()
    write_tree(tmp_path, {
        "os.py": "", "json/__init__.py": "", "json/tests/test_x.py": "", "test/test_os.py": "",
        "idlelib/idle_test/test_a.py": "", "site-packages/six.py": "", "ctypes/test/t.py": "",
        "lib2to3/fixer_base.py": "", "README.txt": "",
    })
    assert benchmark.corpus_files(str(tmp_path)) == sorted(
        [os.path.join("json", "__init__.py"), os.path.join("lib2to3", "fixer_base.py"), "os.py"])


def test_sample_is_deterministic_and_covers_the_asked_share_of_lines(tmp_path):
    benchmark = load_benchmark()
    files = {f"m{i:03}.py": "x = 1\n" * (i % 17 + 1) for i in range(200)}
    write_tree(tmp_path / "src", files)
    corpus = benchmark.copy_corpus(str(tmp_path / "src"), str(tmp_path / "copy"))
    assert corpus.total_lines == sum(i % 17 + 1 for i in range(200))
    first = benchmark.deterministic_sample(corpus, 10.0)
    assert first == benchmark.deterministic_sample(corpus, 10.0)
    sampled = sum(corpus.lines[p] for p in first)
    assert corpus.total_lines * 0.10 <= sampled < corpus.total_lines * 0.10 + 17
    assert first != sorted(corpus.files)[:len(first)]  # spread over the corpus, not its head


@pytest.mark.parametrize("values, baselines, factor, expected", [
    ([2.0, 3.0, 10.0], [], 1.0, 3.0),           # the median, not the mean
    ([3.0], [1.0], 10.0, 1.0 + 2.0 * 10.0),     # start-up counted once, the rest scaled
])
def test_extrapolation_counts_start_up_once(values, baselines, factor, expected):
    benchmark = load_benchmark()
    run = benchmark.Run("floor", lambda _r: [], ".", extrapolate=factor)
    run.measurements = [benchmark.Measurement(v, v, 1, 0) for v in values]
    run.baselines = [benchmark.Measurement(v, v, 1, 0) for v in baselines]
    assert benchmark.wall_of(run) == pytest.approx(expected)
    assert benchmark.cpu_of(run) == pytest.approx(expected)
