"""An untrusted checkout (a pull request from a fork, a freshly cloned repository)
must not lead the tool to write outside the project, pass a dirty file, hand git an
option, or run code it names. Each case runs the real console script; the cache and
``--since`` cases run in real git repositories."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from codemods.config import Config, ConfigError, find_project_root, load_config
from tests.helpers import run_cli

DIRTY = b"import os\nimport sys\nprint(sys.argv)\n"
FIXED = b"import sys\nprint(sys.argv)\n"


def git(cwd, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=str(cwd), capture_output=True, text=True, check=True)
    return done.stdout


def repository(path):
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.invalid")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit_all(path, message: str = "commit") -> None:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)


def notes(stderr: bytes, word: str) -> list:
    return [line for line in stderr.decode().splitlines() if word in line]


# --- symlinks out of the project --------------------------------------------------

@pytest.fixture
def linked_out(tmp_path):
    """proj/link.py -> ../outside/victim.py, beside a dirty file of the project."""
    (tmp_path / "outside").mkdir()
    victim = tmp_path / "outside" / "victim.py"
    victim.write_bytes(DIRTY)
    project = tmp_path / "proj"
    project.mkdir()
    (project / "own.py").write_bytes(DIRTY)
    os.symlink(os.path.join("..", "outside", "victim.py"), project / "link.py")
    return project, victim


@pytest.mark.parametrize("marker", ["pyproject.toml", ".git", None])
def test_walk_never_rewrites_a_symlink_to_a_file_outside_the_project(linked_out, marker):
    project, victim = linked_out
    if marker == "pyproject.toml":
        (project / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    elif marker == ".git":
        repository(project)
        commit_all(project)
    done = run_cli("apply", "--no-cache", ".", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert victim.read_bytes() == DIRTY
    assert (project / "own.py").read_bytes() == FIXED  # the rest of the walk goes on
    skipped = notes(done.stderr, "link.py")
    assert len(skipped) == 1 and "outside the project" in skipped[0], done.stderr
    assert os.path.islink(project / "link.py")


def test_symlink_out_is_reported_once_and_check_passes_over_it(linked_out):
    project, victim = linked_out
    (project / "own.py").write_bytes(FIXED)
    done = run_cli("check", "--no-cache", ".", ".", str(project), cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert len(notes(done.stderr, "link.py")) == 1, done.stderr


def test_symlink_named_on_the_command_line_is_processed(linked_out):
    project, victim = linked_out
    done = run_cli("apply", "--no-cache", ".", "link.py", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert victim.read_bytes() == FIXED  # the user asked for it by name
    assert os.path.islink(project / "link.py")


def test_symlink_to_a_file_inside_the_project_is_processed(tmp_path):
    project = repository(tmp_path / "proj")
    (project / "pkg").mkdir()
    (project / "pkg" / "real.py").write_bytes(DIRTY)
    os.symlink(os.path.join("..", "pkg", "real.py"), project / "pkg" / "alias.py")
    (project / "sub").mkdir()
    os.symlink(os.path.join("..", "pkg", "real.py"), project / "sub" / "alias.py")
    done = run_cli("apply", "--no-cache", "sub", cwd=str(project))  # the root is above the walked folder
    assert done.returncode == 0, done.stderr
    assert (project / "pkg" / "real.py").read_bytes() == FIXED
    assert not notes(done.stderr, "outside the project")


@pytest.mark.parametrize("where", [".git/hooks/helper.py", ".venv/lib/site.py", "vendored/lib.py"])
def test_symlink_into_git_or_an_excluded_folder_is_skipped(tmp_path, where):
    project = repository(tmp_path / "proj")
    (project / "pyproject.toml").write_text('[tool.codemods]\nextend-exclude = ["vendored/"]\n')
    target = project / where
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(DIRTY)
    os.symlink(where, project / "link.py")
    done = run_cli("apply", "--no-cache", ".", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == DIRTY
    assert len(notes(done.stderr, "link.py")) == 1, done.stderr


def test_folder_symlinks_are_not_followed(tmp_path):
    (tmp_path / "outside").mkdir()
    victim = tmp_path / "outside" / "victim.py"
    victim.write_bytes(DIRTY)
    project = repository(tmp_path / "proj")
    (project / "own.py").write_bytes(DIRTY)
    os.symlink(os.path.join("..", "outside"), project / "linked")
    os.symlink(os.path.join("..", "outside"), project / "looks_like_a_file.py")
    os.symlink(".", project / "loop")
    done = run_cli("apply", "--no-cache", ".", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert victim.read_bytes() == DIRTY
    assert (project / "own.py").read_bytes() == FIXED
    assert b"1 file changed of 1" in done.stderr


def test_project_root_is_found_above_the_paths(tmp_path):
    project = tmp_path / "proj"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / "setup.cfg").write_text("")
    assert find_project_root([str(project / "src" / "pkg")]) == os.path.realpath(project)
    bare = tmp_path / "bare" / "deep"
    bare.mkdir(parents=True)
    assert find_project_root([str(bare)]) == os.path.realpath(bare)  # never "/"


# --- a cache that came with the checkout ---------------------------------------------

@pytest.fixture
def tampered_cache(tmp_path):
    """A repository with a dirty file whose cache entry was edited to "clean"."""
    project = repository(tmp_path / "proj")
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (project / "dirty.py").write_bytes(DIRTY)
    first = run_cli("check", ".", cwd=str(project))
    assert first.returncode == 1, first.stderr
    results = project / ".codemods_cache" / "results.json"
    data = json.loads(results.read_text())
    for key in data["entries"]:
        if not key.startswith("prepare:"):
            data["entries"][key] = []  # "clean, nothing found"
    results.write_text(json.dumps(data))
    return project, results


def test_a_committed_cache_is_not_read(tampered_cache):
    project, results = tampered_cache
    commit_all(project)
    git(project, "add", "-f", ".codemods_cache")
    git(project, "commit", "-q", "-m", "hostile cache")
    assert ".codemods_cache/results.json" in git(project, "ls-files")
    before = results.read_bytes()
    done = run_cli("check", ".", cwd=str(project))
    assert done.returncode == 1, done.stderr  # the dirty file is reported after all
    assert b"-import os" in done.stdout
    warnings = notes(done.stderr, "not using the cache")
    assert len(warnings) == 1 and "tracked by git" in warnings[0], done.stderr
    assert results.read_bytes() == before  # and the tracked file is not rewritten


def test_a_committed_cache_elsewhere_named_by_cache_dir_is_not_read(tampered_cache):
    project, results = tampered_cache
    os.rename(project / ".codemods_cache", project / "cache")
    git(project, "add", "-f", "cache/results.json")
    commit_all(project)
    done = run_cli("check", "--cache-dir", "cache", ".", cwd=str(project))
    assert done.returncode == 1, done.stderr
    assert len(notes(done.stderr, "tracked by git")) == 1


def test_an_untracked_cache_is_read(tampered_cache):
    """A cache restored by actions/cache: not tracked, owned by the runner's user.
    It is trusted (the edited entry is believed), which is what makes it a cache."""
    project, _ = tampered_cache
    commit_all(project)  # .codemods_cache ignores itself: not committed
    assert ".codemods_cache" not in git(project, "ls-files")
    done = run_cli("check", ".", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert not notes(done.stderr, "not using the cache")


def test_a_cache_writable_by_every_user_is_not_read(tampered_cache):
    project, _ = tampered_cache
    os.chmod(project / ".codemods_cache", 0o777)
    done = run_cli("check", ".", cwd=str(project))
    assert done.returncode == 1, done.stderr
    assert len(notes(done.stderr, "writable by every user")) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_cache_of_another_user_is_not_read(tampered_cache):
    project, results = tampered_cache
    os.chown(project / ".codemods_cache", 4242, -1)
    done = run_cli("check", ".", cwd=str(project))
    assert done.returncode == 1, done.stderr
    assert len(notes(done.stderr, "belongs to another user")) == 1
    os.chown(project / ".codemods_cache", 0, -1)
    os.chown(results, 4242, -1)
    done = run_cli("check", ".", cwd=str(project))
    assert done.returncode == 1, done.stderr
    assert "results.json belongs to another user" in done.stderr.decode()


# --- --since never hands git an option ----------------------------------------------

@pytest.fixture
def history(tmp_path):
    project = repository(tmp_path / "proj")
    (project / "old.py").write_bytes(DIRTY)
    (project / "new.py").write_bytes(FIXED)
    commit_all(project, "base")
    git(project, "branch", "base")
    (project / "new.py").write_bytes(DIRTY)
    commit_all(project, "change")
    return project


@pytest.mark.parametrize("value", ["--output={out}", "--output", "-p", "--no-index"])
def test_since_value_never_reaches_git_as_an_option(history, tmp_path, value):
    written = tmp_path / "written-by-git"
    done = run_cli("check", "--no-cache", f"--since={value.format(out=written)}", ".", cwd=str(history))
    assert done.returncode == 2
    assert not written.exists()
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("codemod: error: --since"), lines


@pytest.mark.parametrize("value", ["no-such-branch", "HEAD~5", "base:new.py", "HEAD^{tree}"])
def test_since_an_invalid_revision_is_a_one_line_usage_error(history, value):
    done = run_cli("check", "--no-cache", "--since", value, ".", cwd=str(history))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert lines == [f"codemod: error: --since {value}: not a commit in this repository"], lines


def test_since_a_valid_revision_still_selects_the_changed_files(history):
    done = run_cli("check", "--no-cache", "--since", "base", ".", cwd=str(history))
    assert done.returncode == 1, done.stderr
    assert b"+++ b/new.py" in done.stdout and b"old.py" not in done.stdout


# --- --isolated: nothing from the checkout runs, no config is read -------------------

@pytest.fixture
def hostile_config(tmp_path):
    project = repository(tmp_path / "proj")
    (project / "evil.py").write_text(
        "import pathlib\n"
        "pathlib.Path(__file__).with_name('RAN').write_text('code from the checkout ran')\n"
        "import libcst\n\n\n"
        "class Pwn(libcst.CSTTransformer):\n"
        "    pass\n")
    (project / "pyproject.toml").write_text(
        '[tool.codemods]\nselect = ["evil.py:Pwn"]\nextend-exclude = ["hidden.py"]\n')
    (project / "hidden.py").write_bytes(DIRTY)
    commit_all(project)
    return project


def test_a_configured_transformer_is_code_from_the_checkout(hostile_config):
    """Why --isolated exists: without it, the checkout's config runs its code."""
    done = run_cli("check", "--no-cache", ".", cwd=str(hostile_config))
    assert done.returncode == 0, done.stderr
    assert (hostile_config / "RAN").exists()


def test_isolated_reads_no_config_and_runs_nothing_from_the_checkout(hostile_config):
    done = run_cli("check", "--no-cache", "--isolated", ".", cwd=str(hostile_config))
    assert not (hostile_config / "RAN").exists()
    assert done.returncode == 1, done.stderr  # the default codemods ran, on every file
    assert b"+++ b/hidden.py" in done.stdout


def test_isolated_keeps_a_transformer_named_on_the_command_line(hostile_config):
    done = run_cli("check", "--no-cache", "--isolated", "--select", "evil.py:Pwn", "hidden.py",
                   cwd=str(hostile_config))
    assert done.returncode == 0, done.stderr
    assert (hostile_config / "RAN").exists()  # the user named it: their choice


INSTALLED_PLUGIN = '''\
"""A plugin codemod that only notes that it ran (test only).

What it changes
    Nothing.
"""
import pathlib

from codemods.contract import Codemod


class Noting(Codemod):
    id = "test-noting"
    summary = "Notes that it ran (test only)."
    rewriter = "test_noting:Noting"

    def detect(self, tree, source):
        pathlib.Path("NOTED").write_text("ran")
        return False
'''


def test_isolated_keeps_installed_entry_point_codemods(hostile_config, tmp_path):
    site = tmp_path / "site"
    (site / "test_noting-1.0.dist-info").mkdir(parents=True)
    (site / "test_noting.py").write_text(INSTALLED_PLUGIN)
    (site / "test_noting-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: test-noting\nVersion: 1.0\n")
    (site / "test_noting-1.0.dist-info" / "entry_points.txt").write_text(
        "[codemods.transforms]\ntest-noting = test_noting:Noting\n")
    done = run_cli("check", "--no-cache", "--isolated", "--select", "test-noting", "hidden.py",
                   cwd=str(hostile_config), env={"PYTHONPATH": str(site)})
    assert done.returncode == 0, done.stderr
    assert (hostile_config / "NOTED").exists()
    assert not (hostile_config / "RAN").exists()


def test_isolated_and_config_together_are_a_usage_error(hostile_config):
    done = run_cli("check", "--no-cache", "--isolated", "--config", "pyproject.toml", ".",
                   cwd=str(hostile_config))
    assert done.returncode == 2
    assert b"--isolated" in done.stderr and b"--config" in done.stderr
    assert not (hostile_config / "RAN").exists()


def test_isolated_is_a_field_of_the_loaded_config(hostile_config):
    config = load_config([str(hostile_config)], isolated=True)
    assert config.isolated and config.path is None and config.select is None
    assert config == Config(isolated=True, root=config.root)
    assert not load_config([str(hostile_config)]).isolated
    with pytest.raises(ConfigError):
        load_config([str(hostile_config)], str(hostile_config / "pyproject.toml"), isolated=True)


# --- --stdin-filename writes nothing to disk -----------------------------------------

def test_stdin_filename_never_writes_the_named_file(linked_out):
    project, victim = linked_out
    done = run_cli("apply", "--no-cache", "--stdin-filename", "link.py", cwd=str(project), input=DIRTY)
    assert done.returncode == 0, done.stderr
    assert done.stdout == FIXED
    assert victim.read_bytes() == DIRTY


# --- python -m codemods does not import from the current folder ----------------------

def test_module_run_loads_no_plugin_from_the_current_folder(tmp_path):
    """``python -m`` puts the current folder on sys.path, where a checkout's
    ``*.dist-info`` would register an entry-point plugin that ``list`` (or a JSON
    report) imports; the console script never had it there."""
    import sys

    info = tmp_path / "evil-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[codemods.transforms]\npwn = evilmod:Pwn\n")
    (tmp_path / "evilmod.py").write_text("open('RAN', 'w').close()\nPwn = None\n")
    done = subprocess.run([sys.executable, "-m", "codemods", "list"], cwd=str(tmp_path), capture_output=True)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "RAN").exists()


def _tampered_model(tmp_path):
    """A project whose model cache says that ``pkg/cli.py`` imports nothing: its entry
    carries the facts of an empty module (stat data and digest left as they are)."""
    project = repository(tmp_path / "project")
    (project / "pyproject.toml").write_text("")
    (project / "pkg").mkdir()
    (project / "pkg" / "__init__.py").write_text("")
    (project / "pkg" / "util.py").write_text("from json import dumps\n\nVALUE = 1\n")
    (project / "pkg" / "cli.py").write_text("from pkg.util import dumps\n\nprint(dumps(1))\n")
    (project / "pkg" / "empty.py").write_text("")
    done = run_cli("check", "pkg/util.py", cwd=str(project))
    assert b"dumps" in done.stdout or b"dumps" in done.stderr  # kept and reported: cli.py reads it
    model = project / ".codemods_cache" / "model.json"
    data = json.loads(model.read_text())
    files = data["files"]
    cli, empty = str(project / "pkg" / "cli.py"), str(project / "pkg" / "empty.py")
    files[cli][3:] = files[empty][3:]
    model.write_text(json.dumps(data))
    (project / ".codemods_cache" / "results.json").unlink()  # no cached plan: the model decides
    return project


def test_a_model_cache_is_believed_only_when_it_is_the_users(tmp_path):
    project = _tampered_model(tmp_path)
    done = run_cli("apply", "pkg/util.py", cwd=str(project))
    assert done.returncode == 0, done.stderr
    # an untracked cache is the user's own: its word is taken (this is what the
    # tampering can do), so the import goes
    assert "dumps" not in (project / "pkg" / "util.py").read_text()


def test_a_committed_model_cache_is_not_read(tmp_path):
    project = _tampered_model(tmp_path)
    commit_all(project)
    git(project, "add", "-f", ".codemods_cache")
    git(project, "commit", "-q", "-m", "hostile model cache")
    done = run_cli("apply", "pkg/util.py", cwd=str(project))
    assert done.returncode == 0, done.stderr
    assert "from json import dumps" in (project / "pkg" / "util.py").read_text()
    assert len(notes(done.stderr, "not using the cache")) == 1
