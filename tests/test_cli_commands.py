"""The command line itself, through the real console script: `list`, `explain`,
`--help`, options after positionals, `--select ALL`, `--stubs`, usage errors from
cross-file codemods, which files cross-file codemods may change (`--since`,
per-file ignores, shards), and user transformers imported from the current folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from codemods.registry import builtin_codemods
from tests.helpers import run_cli

PLUGIN = '''\
"""An unsafe plugin codemod, on by default (test only).

What it changes
    Nothing.
"""
from codemods.contract import Codemod


class Loud(Codemod):
    id = "test-loud"
    summary = "Does nothing, loudly (test only)."
    default = True
    safe = False
    rewriter = "test_loud:Loud"
'''


def cli(*args: str, cwd: Path, env=None) -> subprocess.CompletedProcess:
    result = run_cli(*args, cwd=str(cwd), env=env)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def assert_usage_error(done: subprocess.CompletedProcess, *phrases: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr  # one line
    assert done.stderr.startswith("codemod: error: "), done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    for phrase in phrases:
        assert phrase in done.stderr


# --- list and explain -----------------------------------------------------------

def test_list_prints_every_codemod_with_safety_default_and_summary(tmp_path):
    site = tmp_path / "site"
    write(site / "test_loud.py", PLUGIN)
    write(site / "test_loud-1.0.dist-info" / "METADATA", "Metadata-Version: 2.1\nName: test-loud\nVersion: 1.0\n")
    write(site / "test_loud-1.0.dist-info" / "entry_points.txt", "[codemods.transforms]\ntest-loud = test_loud:Loud\n")
    done = cli("list", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert done.returncode == 0, done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        codemod_id, safety, default, summary = line.split(None, 3)
        rows[codemod_id] = (safety, default, summary)
    expected = {c.id: ("safe" if c.safe else "unsafe", "on" if c.default else "off", c.summary)
                for c in builtin_codemods().values()}
    expected["test-loud"] = ("unsafe", "on", "Does nothing, loudly (test only).")
    assert rows == expected


@pytest.mark.parametrize("codemod_id", sorted(builtin_codemods()))
def test_explain_prints_the_documentation(tmp_path, codemod_id):
    codemod = builtin_codemods()[codemod_id]
    done = cli("explain", codemod_id, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{codemod_id}: {codemod.summary}\n")
    assert codemod.documentation() in done.stdout
    for section in ("What it changes", "Never", "Fix safety"):
        assert f"\n{section}\n" in done.stdout


@pytest.mark.parametrize("typo,suggested", [
    ("unused-import", ("unused-imports",)),
    ("unused", ("unused-imports", "unused-variables")),
    ("typehints", ("type-hints",)),
])
def test_explain_an_unknown_id_suggests_close_matches(tmp_path, typo, suggested):
    done = cli("explain", typo, cwd=tmp_path)
    assert_usage_error(done, f"unknown codemod {typo!r}", "did you mean", *suggested)
    assert "docstrings" not in done.stderr  # close matches, not the whole list


def test_explain_an_id_like_none_lists_every_id(tmp_path):
    done = cli("explain", "zzz", cwd=tmp_path)
    assert_usage_error(done, "unknown codemod 'zzz'", *builtin_codemods())


def test_a_typo_in_select_suggests_too(tmp_path):
    assert_usage_error(cli("check", "--select", "unused-import", ".", cwd=tmp_path), "did you mean unused-imports")


# --- help -----------------------------------------------------------------------

@pytest.mark.parametrize("command", ["apply", "check", "rename", "list", "explain"])
def test_each_command_has_help_with_exit_codes_and_examples(tmp_path, command):
    done = cli(command, "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: codemod {command}")
    exit_codes = done.stdout.split("exit codes:\n", 1)[1].split("\n\n", 1)[0]
    assert "  0  " in exit_codes
    examples = done.stdout.split("examples:\n", 1)[1]
    assert f"  codemod {command}" in examples


def test_run_commands_document_every_exit_code(tmp_path):
    for command in ("apply", "check", "rename"):
        exit_codes = cli(command, "--help", cwd=tmp_path).stdout.split("exit codes:\n", 1)[1]
        assert all(f"  {code}  " in exit_codes for code in "012"), command
        assert "errors win over changes" in exit_codes


def test_top_level_help_points_to_the_commands(tmp_path):
    done = cli("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "codemod COMMAND --help" in done.stdout
    for command in ("apply", "check", "rename", "list", "explain"):
        assert f"    {command} " in done.stdout


def test_an_unknown_option_is_reported_by_the_command(tmp_path):
    done = cli("check", "--no-such-option", cwd=tmp_path)
    assert done.returncode == 2
    assert "usage: codemod check" in done.stderr and "--no-such-option" in done.stderr


# --- options after positionals -----------------------------------------------------

def rename_project(root: Path) -> Path:
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "mod.py", "def oldName(x):\n    return x\n")
    write(root / "use.py", "from pkg.mod import oldName\n\nprint(oldName(1))\n")
    return root


def test_rename_takes_options_after_its_arguments(tmp_path):
    rename_project(tmp_path)
    done = cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", "--check", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "+from pkg.mod import new_name" in done.stdout and "+def new_name(x):" in done.stdout
    assert (tmp_path / "pkg" / "mod.py").read_text() == "def oldName(x):\n    return x\n"
    applied = cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "use.py").read_text() == "from pkg.mod import new_name\n\nprint(new_name(1))\n"


def test_check_takes_options_between_paths(tmp_path):
    write(tmp_path / "a.py", "import os\n\nLIMIT = 1\n")  # a module of imports only is a facade
    write(tmp_path / "b.py", "import sys\n\nLIMIT = 2\n")
    done = cli("check", "a.py", "--select", "unused-imports", "b.py", "--no-cache", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "-import os" in done.stdout and "-import sys" in done.stdout


# --- which codemods: ALL and rename -----------------------------------------------

def test_select_all_runs_every_built_in_but_rename(tmp_path):
    write(tmp_path / "a.py", "def scale(value):\n    return value\n")
    done = cli("check", "--select", "ALL", "--no-cache", "a.py", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    # both codemods that are off by default ran; rename (which needs OLD/NEW) did not fail the run
    assert "fixes: docstrings 1, type-hints 1" in done.stderr
    assert "error" not in done.stderr


def test_select_rename_points_to_its_command(tmp_path):
    write(tmp_path / "a.py", "x = 1\n")
    assert_usage_error(cli("check", "--select", "rename", "--no-cache", ".", cwd=tmp_path),
                       "codemod rename OLD NEW")
    write(tmp_path / "pyproject.toml", '[tool.codemods]\nselect = ["unused-imports", "rename"]\n')
    assert_usage_error(cli("check", "--no-cache", ".", cwd=tmp_path), "codemod rename OLD NEW")


# --- usage errors from cross-file codemods -------------------------------------------

@pytest.mark.parametrize("old,new,message", [
    ("pkg.mod.oldName", "bad name", "NEW must be a dotted name"),
    ("pkg.mod.oldName", "other.mod.new_name", "NEW must keep the parent of OLD"),
    ("pkg..mod", "x", "OLD must be a dotted name"),
])
def test_bad_rename_arguments_are_usage_errors(tmp_path, old, new, message):
    rename_project(tmp_path)
    assert_usage_error(cli("rename", old, new, "--no-cache", ".", cwd=tmp_path), message)


def test_a_bad_option_of_a_cross_file_codemod_is_a_usage_error(tmp_path):
    rename_project(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.codemods.naming]\nfunction-names = "kebab"\n')
    assert_usage_error(cli("check", "--select", "naming", "--no-cache", ".", cwd=tmp_path),
                       "naming: option function-names must be one of")


# --- what cross-file codemods may change ---------------------------------------------

def naming_project(root: Path) -> Path:
    """``helperFunc`` is private (a private module) and imported by a sibling: naming
    renames it in both files, or in neither."""
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "_impl.py", "def helperFunc():\n    return 1\n")
    write(root / "pkg" / "api.py", "from pkg._impl import helperFunc\n\n\ndef run():\n    return helperFunc()\n")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
                   cwd=str(root), check=True, capture_output=True)


def test_naming_renames_across_modules_when_both_are_in_the_run(tmp_path):
    naming_project(tmp_path)
    done = cli("check", "--select", "naming", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "+def helper_func():" in done.stdout and "+from pkg._impl import helper_func" in done.stdout


def test_since_keeps_cross_file_renames_out_of_files_it_leaves_alone(tmp_path):
    naming_project(tmp_path)
    git(tmp_path, "init", "-q", ".")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    with open(tmp_path / "pkg" / "_impl.py", "a") as handle:
        handle.write("\nLIMIT = 2\n")
    # api.py is unchanged, so not rewritten: renaming helperFunc in _impl.py alone would break it
    done = cli("apply", "--select", "naming", "--no-cache", "--since", "HEAD", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "def helperFunc():" in (tmp_path / "pkg" / "_impl.py").read_text()
    # the same from outside the repository: git runs where the files are
    outside = cli("check", "--select", "naming", "--no-cache", "--since", "HEAD", str(tmp_path),
                  cwd=tmp_path.parent)
    # held, and said so: the place that would break, and how to rename everywhere
    assert outside.returncode == 1, outside.stderr
    assert "0 files would change of 1" in outside.stderr
    assert "api.py:1 refers to 'helperFunc' and is not part of this run" in outside.stdout


def test_rename_refuses_to_leave_a_file_behind(tmp_path):
    rename_project(tmp_path)
    git(tmp_path, "init", "-q", ".")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    with open(tmp_path / "pkg" / "mod.py", "a") as handle:
        handle.write("\nLIMIT = 2\n")
    left_behind = cli("rename", "pkg.mod.oldName", "new_name", "--since", "HEAD", "--no-cache", ".", cwd=tmp_path)
    assert_usage_error(left_behind, "use.py:1 mentions oldName", "rename the whole project")
    assert "def oldName" in (tmp_path / "pkg" / "mod.py").read_text()
    write(tmp_path / "pyproject.toml", '[tool.codemods.per-file-ignores]\n"use.py" = ["rename"]\n')
    assert_usage_error(cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path),
                       "use.py:1 mentions oldName")
    # a file left out that never mentions the name is no obstacle
    write(tmp_path / "pyproject.toml", '[tool.codemods.per-file-ignores]\n"pkg/__init__.py" = ["rename"]\n')
    done = cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "use.py").read_text() == "from pkg.mod import new_name\n\nprint(new_name(1))\n"


def test_rename_refuses_a_reference_in_a_suppressed_file(tmp_path):
    rename_project(tmp_path)
    write(tmp_path / "use.py", "# codemod: skip-file\nfrom pkg.mod import oldName\n\nprint(oldName(1))\n")
    frozen = cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path)
    assert_usage_error(frozen, "use.py:2: mentions oldName", "would break")
    assert "def oldName" in (tmp_path / "pkg" / "mod.py").read_text()
    assert "oldName(1)" in (tmp_path / "use.py").read_text()
    # an ignore comment on the line of the reference holds that line back the same way
    write(tmp_path / "use.py", "from pkg.mod import oldName\n\nprint(oldName(1))  # codemod: ignore[rename]\n")
    assert_usage_error(cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path),
                       "use.py:3: mentions oldName")
    # a suppressed file that never mentions the name is no obstacle
    write(tmp_path / "use.py", "from pkg.mod import oldName\n\nprint(oldName(1))\n")
    write(tmp_path / "other.py", "# codemod: skip-file\nprint('unrelated')\n")
    done = cli("rename", "pkg.mod.oldName", "new_name", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "use.py").read_text() == "from pkg.mod import new_name\n\nprint(new_name(1))\n"


def test_per_file_ignored_files_keep_cross_file_names(tmp_path):
    naming_project(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.codemods.per-file-ignores]\n"pkg/api.py" = ["naming"]\n')
    done = cli("check", "--select", "naming", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 0, (done.stdout, done.stderr)
    # ignoring another codemod there changes nothing
    write(tmp_path / "pyproject.toml", '[tool.codemods.per-file-ignores]\n"pkg/api.py" = ["docstrings"]\n')
    assert cli("check", "--select", "naming", "--no-cache", ".", cwd=tmp_path).returncode == 1


def test_shards_together_make_the_change_of_one_run(tmp_path):
    naming_project(tmp_path)
    whole = cli("check", "--select", "naming", "--no-cache", ".", cwd=tmp_path).stdout
    pieces = [cli("check", "--select", "naming", "--no-cache", "--shard", f"{k}/3", ".", cwd=tmp_path).stdout
              for k in (1, 2, 3)]
    assert sum(1 for piece in pieces if piece) >= 2  # the two files are in different shards
    assert diff_per_file("".join(pieces)) == diff_per_file(whole)


def diff_per_file(diff: str) -> list:
    return sorted(chunk for chunk in diff.split("--- a/") if chunk)


# --- --stubs -----------------------------------------------------------------------------

UNTYPED = "def area(w, h):\n    return w * h\n"
TYPED = "def area(w: int, h: int) -> int:\n    return w * h\n"
STUB = "def area(w: int, h: int) -> int: ...\n"


def test_stubs_option_gives_types_from_the_stub_folder(tmp_path):
    work = tmp_path / "src"
    target = write(work / "geo.py", UNTYPED)
    write(tmp_path / "typings" / "geo.pyi", STUB)
    done = cli("apply", "--select", "type-hints", "--stubs", "../typings", "--no-cache", "geo.py", cwd=work)
    assert done.returncode == 0, done.stderr
    assert target.read_text() == TYPED


def test_stubs_in_the_config_are_relative_to_its_folder(tmp_path):
    target = write(tmp_path / "geo.py", UNTYPED)
    write(tmp_path / "typings" / "geo.pyi", STUB)
    write(tmp_path / "pyproject.toml", '[tool.codemods]\nselect = ["type-hints"]\n\n'
                                       '[tool.codemods.type-hints]\nstubs = "typings"\n')
    elsewhere = tmp_path / "docs"
    elsewhere.mkdir()
    done = cli("apply", "--no-cache", str(target), cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert target.read_text() == TYPED


def test_a_missing_stubs_folder_is_a_usage_error(tmp_path):
    write(tmp_path / "geo.py", UNTYPED)
    assert_usage_error(cli("check", "--select", "type-hints", "--stubs", "nowhere", ".", cwd=tmp_path),
                       "--stubs", "nowhere")
    write(tmp_path / "pyproject.toml", '[tool.codemods.type-hints]\nstubs = "nowhere"\n')
    assert_usage_error(cli("check", "--select", "type-hints", ".", cwd=tmp_path), "pyproject.toml", "stubs")


def test_stubs_without_type_hints_says_it_has_no_effect(tmp_path):
    write(tmp_path / "geo.py", UNTYPED)
    (tmp_path / "typings").mkdir()
    done = cli("check", "--select", "unused-imports", "--stubs", "typings", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 0
    assert "--stubs has no effect" in done.stderr


def test_a_changed_stub_is_seen_by_the_next_run(tmp_path):
    # Only certain types (no placeholders): without a stub the file is clean, and a
    # cache keyed on the file alone would keep saying so after the stub appears.
    target = write(tmp_path / "geo.py", UNTYPED)
    write(tmp_path / "pyproject.toml", "[tool.codemods.type-hints]\nplaceholders = false\n")
    stubs = tmp_path / "typings"
    stubs.mkdir()
    command = ("check", "--select", "type-hints", "--stubs", "typings", "--cache-dir", "cache", ".")
    assert cli(*command, cwd=tmp_path).returncode == 0
    assert cli(*command, cwd=tmp_path).returncode == 0
    write(stubs / "geo.pyi", STUB)
    done = cli(*command, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "+def area(w: int, h: int) -> int:" in done.stdout
    assert target.read_text() == UNTYPED


# --- user transformers -------------------------------------------------------------------

TRANSFORMER = '''\
import libcst as cst


class RenameFetch(cst.CSTTransformer):
    def leave_Name(self, original_node, updated_node):
        if updated_node.value == "fetch_all":
            return updated_node.with_changes(value="fetch_many")
        return updated_node
'''


@pytest.mark.parametrize("selector", ["rename_api:RenameFetch", "migrations.rename_api:RenameFetch",
                                      "migrations/rename_api.py:RenameFetch", "rename_api.py:RenameFetch"])
def test_user_transformer_from_the_current_folder(tmp_path, selector):
    write(tmp_path / "rename_api.py", TRANSFORMER)
    write(tmp_path / "migrations" / "__init__.py", "")
    write(tmp_path / "migrations" / "rename_api.py", TRANSFORMER)
    target = write(tmp_path / "src" / "app.py", "rows = fetch_all()\n")
    done = cli("apply", "--select", selector, "--no-cache", "src", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_text() == "rows = fetch_many()\n"


def test_user_transformer_module_that_does_not_exist(tmp_path):
    assert_usage_error(cli("check", "--select", "no_such_module:Name", ".", cwd=tmp_path),
                       "cannot import no_such_module")



# --- stdin ---------------------------------------------------------------------------------

UNUSED_IMPORT = "import os\n\nLIMIT = 1\n"


def test_stdin_check_speaks_every_output_format(tmp_path):
    done = run_cli("check", "--select", "unused-imports", "--no-cache", "--stdin-filename", "m.py",
                   "--output-format", "json", cwd=str(tmp_path), input=UNUSED_IMPORT.encode())
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert [(r["kind"], r["file"], r["line"], r["codemod"]) for r in document["records"]] == [
        ("fix", "m.py", 1, "unused-imports")]
    broken = run_cli("check", "--no-cache", "--stdin-filename", "m.py", "--output-format", "github",
                     cwd=str(tmp_path), input=b"def f(:\n")
    assert broken.returncode == 2
    assert broken.stdout.startswith(b"::error file=m.py,line=1,col=7")
    text = run_cli("check", "--select", "unused-imports", "--no-cache", "--stdin-filename", "m.py",
                   cwd=str(tmp_path), input=UNUSED_IMPORT.encode())
    assert text.returncode == 1 and b"-import os\n" in text.stdout and text.stderr == b""


def test_stdin_apply_keeps_stdout_for_the_source(tmp_path):
    done = cli("apply", "--output-format", "json", "--stdin-filename", "m.py", ".", cwd=tmp_path)
    assert_usage_error(done, "--output-format json", "check")


def test_stdin_excluded_file_gives_an_empty_report(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.codemods]\nextend-exclude = ["generated/"]\n')
    done = run_cli("check", "--select", "unused-imports", "--no-cache", "--force-exclude", "--output-format", "json",
                   "--stdin-filename", "generated/m.py", cwd=str(tmp_path), input=UNUSED_IMPORT.encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["records"] == []


# --- configuration mistakes ----------------------------------------------------------------

@pytest.mark.parametrize("body,phrases", [
    ('[tool.codemods]\nselct = ["naming"]\n', ("[tool.codemods]: unknown key `selct`", "did you mean select")),
    ('[tool.codemods]\ncolour = 1\n', ("unknown key `colour`", "known: cache-dir")),
    ('[tool.codemods.per-file-ignore]\n"a.py" = ["naming"]\n',
     ("[tool.codemods.per-file-ignore]: unknown key `per-file-ignore`", "did you mean per-file-ignores")),
    ('[tool.codemods.docstring]\nstyle = "numpy"\n',
     ("[tool.codemods.docstring]: unknown codemod 'docstring'", "did you mean docstrings")),
])
def test_config_mistakes_name_the_file_the_table_and_a_fix(tmp_path, body, phrases):
    write(tmp_path / "pyproject.toml", body)
    write(tmp_path / "a.py", "x = 1\n")
    done = cli("check", "--no-cache", ".", cwd=tmp_path)
    assert_usage_error(done, str(tmp_path / "pyproject.toml"), *phrases)


# --- progress ----------------------------------------------------------------------------

def test_progress_bar_on_a_terminal_in_a_machine_format(tmp_path):
    """A long run with stderr on a terminal shows the bar whatever stdout carries; the
    JSON document on stdout is untouched by it."""
    import os
    import pty
    import sys

    from codemods.reporting.progress import PROGRESS_MIN_FILES

    total = PROGRESS_MIN_FILES + 5
    for number in range(total):
        write(tmp_path / f"m{number:03}.py", f"value_{number} = {number}\n")
    executable = os.path.join(os.path.dirname(sys.executable), "codemod")
    master, slave = pty.openpty()
    process = subprocess.Popen([executable, "check", "-j", "1", "--no-cache", "--output-format", "json", "."],
                               cwd=str(tmp_path), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stdout, _ = process.communicate(timeout=300)
    assert process.returncode == 0
    assert f"] {total}/{total} files".encode() in b"".join(chunks)
    assert json.loads(stdout)["summary"]["files"] == total


@pytest.mark.parametrize("arguments", [["check", "--help"], ["--help"], ["explain", "dead-code"], ["list"]])
def test_a_reader_that_went_away_gets_no_traceback(arguments):
    """``codemod check --help | head``: the reader closes the pipe before codemod writes
    (closed here before the child has even started writing, so the write must fail)."""
    import os
    import sys

    executable = os.path.join(os.path.dirname(sys.executable), "codemod")
    process = subprocess.Popen([executable, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr.decode()
