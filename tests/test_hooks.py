"""The scripts in hooks/: the plain git pre-commit hook, installed in a temporary
repository and driven by real `git commit`s, and the CI script for `check --since`.

The fixes come from a user transformer (foo -> bar) passed with --select, so the
tests do not depend on which built-in codemods exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="needs git and bash")

HOOK = os.path.join(REPO, "hooks", "pre-commit")
CI_SCRIPT = os.path.join(REPO, "hooks", "ci-check.sh")
BIN = os.path.dirname(sys.executable)

RENAME_FOO = """\
import libcst as cst


class RenameFoo(cst.CSTTransformer):
    def leave_Name(self, original_node, updated_node):
        if updated_node.value == "foo":
            return updated_node.with_changes(value="bar")
        return updated_node
"""

NEEDS_FIX = "foo = 1\nprint(foo)\n"
FIXED = "bar = 1\nprint(bar)\n"


def git_env(home: Path, **extra: str) -> Dict[str, str]:
    """An environment where no user or system git configuration leaks in."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("GIT_", "GITHUB_", "CI_MERGE_REQUEST_")) or name in ("CODEMOD", "CODEMOD_ARGS", "FORCE_COLOR"):
            del env[name]
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.com", NO_COLOR="1")
    env.update(extra)
    return env


class Repo:
    def __init__(self, path: Path, env: Dict[str, str]) -> None:
        self.path, self.env = path, env

    def git(self, *args: str, check: bool = True, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
        completed = subprocess.run(["git", *args], cwd=self.path, env=env or self.env, capture_output=True,
                                   text=True, timeout=300)
        if check and completed.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
        return completed

    def write(self, name: str, text: str) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def head(self) -> str:
        return self.git("rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip()

    def commit(self, message: str = "change", env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
        """`git commit`; git sends a hook's stdout to stderr, so .output has both."""
        completed = self.git("commit", "-m", message, check=False, env=env)
        completed.output = completed.stdout + completed.stderr  # type: ignore[attr-defined]
        return completed


@pytest.fixture
def transformer(tmp_path: Path) -> str:
    path = tmp_path / "transformers" / "rename_foo.py"
    path.parent.mkdir()
    path.write_text(RENAME_FOO)
    return f"{path}:RenameFoo"


@pytest.fixture
def repo(tmp_path: Path, transformer: str) -> Repo:
    """A repository with the hook installed and one clean commit."""
    home = tmp_path / "home"
    home.mkdir()
    # codemod found on PATH, as after `pip install codemods`
    env = git_env(home, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), CODEMOD_ARGS=f"--select {transformer}")
    path = tmp_path / "project"
    path.mkdir()
    result = Repo(path, env)
    result.git("init", "-q", "-b", "main")
    result.git("config", "commit.gpgsign", "false")
    shutil.copy(HOOK, path / ".git" / "hooks" / "pre-commit")
    result.write("clean.py", "x = 1\n")
    result.git("add", "clean.py")
    assert result.commit("initial").returncode == 0
    return result


def test_hook_stops_a_commit_that_needs_a_fix_and_shows_the_diff(repo: Repo) -> None:
    before = repo.head()
    repo.write("module.py", NEEDS_FIX)
    repo.git("add", "module.py")
    commit = repo.commit()
    assert commit.returncode != 0
    output = commit.output
    assert "--- a/module.py" in output and "-foo = 1" in output and "+bar = 1" in output
    assert "codemod would change the staged files" in output
    assert repo.head() == before
    assert (repo.path / "module.py").read_text() == NEEDS_FIX  # check mode: never writes


def test_hook_lets_a_clean_file_through(repo: Repo) -> None:
    before = repo.head()
    repo.write("module.py", FIXED)
    repo.git("add", "module.py")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output
    assert repo.head() != before


def test_hook_handles_names_with_spaces_and_dashes(repo: Repo) -> None:
    repo.write("my module.py", FIXED)
    repo.write("pkg dir/-leading dash.py", NEEDS_FIX)
    repo.git("add", "my module.py", "pkg dir/-leading dash.py")
    commit = repo.commit()
    assert commit.returncode != 0
    assert "+++ b/pkg dir/-leading dash.py" in commit.output
    assert "my module.py" not in commit.output  # clean: no diff for it
    repo.write("pkg dir/-leading dash.py", FIXED)
    repo.git("add", "pkg dir/-leading dash.py")
    assert repo.commit().returncode == 0


def test_hook_checks_only_python_files(repo: Repo) -> None:
    repo.write("notes.txt", NEEDS_FIX)
    repo.write("script", "#!/usr/bin/env python3\n" + NEEDS_FIX)
    repo.git("add", "notes.txt", "script")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output


def test_hook_ignores_deleted_files(repo: Repo) -> None:
    repo.git("rm", "-q", "clean.py")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output


def test_partly_staged_file_is_checked_as_staged_not_as_on_disk(repo: Repo) -> None:
    # The staged copy needs a fix; the working copy was fixed but not re-added.
    repo.write("module.py", NEEDS_FIX)
    repo.git("add", "module.py")
    repo.write("module.py", FIXED)
    commit = repo.commit()
    assert commit.returncode != 0
    assert "-foo = 1" in commit.output
    assert (repo.path / "module.py").read_text() == FIXED


def test_unstaged_edits_do_not_fail_a_clean_commit(repo: Repo) -> None:
    # Staged copy clean; a later, unstaged edit would need a fix: not this commit's business.
    repo.write("module.py", FIXED)
    repo.git("add", "module.py")
    repo.write("module.py", FIXED + "foo = 2\n")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output
    assert repo.git("show", "HEAD:module.py").stdout == FIXED


def test_hook_mixes_in_place_and_index_checks(repo: Repo) -> None:
    repo.write("a.py", NEEDS_FIX)       # fully staged, needs a fix
    repo.write("b.py", FIXED)           # staged clean, dirty on disk
    repo.git("add", "a.py", "b.py")
    repo.write("b.py", NEEDS_FIX)
    commit = repo.commit()
    assert commit.returncode != 0
    assert "+++ b/a.py" in commit.output and "a/b.py" not in commit.output


def test_commit_all_checks_the_tracked_changes(repo: Repo) -> None:
    repo.write("clean.py", NEEDS_FIX)  # tracked, changed, not staged: `commit -a` takes it
    commit = repo.git("commit", "-a", "-m", "all", check=False)
    assert commit.returncode != 0
    assert "+++ b/clean.py" in commit.stdout + commit.stderr


def test_commit_of_named_paths_checks_only_those(repo: Repo) -> None:
    # `git commit PATH` commits PATH only; git hands the hook a temporary index
    # (GIT_INDEX_FILE), so a staged file left out of this commit is not checked.
    repo.write("later.py", NEEDS_FIX)
    repo.git("add", "later.py")
    repo.write("clean.py", "x = 2\n")
    commit = repo.git("commit", "-m", "only clean", "clean.py", check=False)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "later.py" not in repo.git("show", "--name-only", "HEAD").stdout
    commit = repo.commit()
    assert commit.returncode != 0 and "+++ b/later.py" in commit.output


def exclude_vendored(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.codemods]\nextend-exclude = ["vendored"]\n')
    repo.git("add", "pyproject.toml")
    repo.git("commit", "-q", "--no-verify", "-m", "config")


def test_hook_honours_configured_excludes(repo: Repo) -> None:
    exclude_vendored(repo)
    repo.write("vendored/lib.py", NEEDS_FIX)
    repo.git("add", "vendored/lib.py")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output


def test_hook_honours_configured_excludes_for_partly_staged_files(repo: Repo) -> None:
    exclude_vendored(repo)
    repo.write("vendored/lib.py", NEEDS_FIX)
    repo.git("add", "vendored/lib.py")
    repo.write("vendored/lib.py", NEEDS_FIX + "# more\n")
    commit = repo.commit()
    assert commit.returncode == 0, commit.output


def test_hook_stops_on_a_syntax_error(repo: Repo) -> None:
    repo.write("broken.py", "def f(:\n")
    repo.git("add", "broken.py")
    commit = repo.commit()
    assert commit.returncode != 0
    assert "broken.py:1:" in commit.output and "error" in commit.output
    assert "reported errors" in commit.output


def test_hook_works_in_a_repository_without_commits(tmp_path: Path, transformer: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "fresh", git_env(home, CODEMOD=os.path.join(BIN, "codemod"),
                                            CODEMOD_ARGS=f"--select {transformer}"))
    repo.path.mkdir()
    repo.git("init", "-q")
    shutil.copy(HOOK, repo.path / ".git" / "hooks" / "pre-commit")
    repo.write("first.py", NEEDS_FIX)
    repo.git("add", "first.py")
    commit = repo.commit()
    assert commit.returncode != 0 and "+bar = 1" in commit.output
    assert repo.head() == ""


def test_hook_names_the_missing_tool(repo: Repo) -> None:
    env = dict(repo.env, CODEMOD=str(repo.path / "no-such-codemod"))
    repo.write("module.py", FIXED)
    repo.git("add", "module.py")
    commit = repo.commit(env=env)
    assert commit.returncode != 0
    env = dict(repo.env, PATH="/usr/bin:/bin")
    env.pop("CODEMOD", None)
    commit = repo.commit(env=env)
    if shutil.which("codemod", path="/usr/bin:/bin") is None:
        assert commit.returncode != 0
        assert "codemod is not installed" in commit.output


# --- hooks/ci-check.sh ------------------------------------------------------------


def run_ci(repo: Repo, *args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(repo.env)
    full_env.update(env)
    return subprocess.run(["bash", CI_SCRIPT, *args], cwd=repo.path, env=full_env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def branched(tmp_path: Path, transformer: str) -> Repo:
    """main: an old file that needs a fix (not this change's fault); feature: new work."""
    home = tmp_path / "home"
    home.mkdir()
    env = git_env(home, CODEMOD=os.path.join(BIN, "codemod"))
    repo = Repo(tmp_path / "ci", env)
    repo.path.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write("legacy.py", NEEDS_FIX)
    repo.write("clean.py", "x = 1\n")
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "base")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def test_ci_script_checks_only_files_changed_since_the_base(branched: Repo, transformer: str) -> None:
    branched.write("clean.py", "x = 2\n")
    branched.git("commit", "-q", "-am", "clean change")
    result = run_ci(branched, "main", "--select", transformer)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "legacy.py" not in result.stdout

    branched.write("new.py", NEEDS_FIX)
    branched.git("add", "new.py")
    branched.git("commit", "-q", "-m", "new work")
    result = run_ci(branched, "main", "--select", transformer)
    assert result.returncode == 1
    assert "+++ b/new.py" in result.stdout and "legacy.py" not in result.stdout


def test_ci_script_compares_with_the_merge_base(branched: Repo, transformer: str) -> None:
    branched.write("new.py", FIXED)
    branched.git("add", "new.py")
    branched.git("commit", "-q", "-m", "feature work")
    # The base branch moves on with a file that needs a fix: not this branch's change.
    branched.git("checkout", "-q", "main")
    branched.write("later.py", NEEDS_FIX)
    branched.git("add", "later.py")
    branched.git("commit", "-q", "-m", "elsewhere")
    branched.git("checkout", "-q", "feature")
    result = run_ci(branched, "main", "--select", transformer)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_script_takes_the_base_from_github_and_passes_options(tmp_path: Path, branched: Repo, transformer: str) -> None:
    branched.write("new.py", NEEDS_FIX)
    branched.git("add", "new.py")
    branched.git("commit", "-q", "-m", "new work")
    # A clone, as on a CI runner: the base branch is origin/main.
    clone = Repo(tmp_path / "runner", branched.env)
    subprocess.run(["git", "clone", "-q", "-b", "feature", str(branched.path), str(clone.path)], env=branched.env,
                   check=True, capture_output=True, timeout=300)
    result = run_ci(clone, "--select", transformer, "--output-format", "github", GITHUB_BASE_REF="main")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("::warning file=new.py,line=1,")
    assert "legacy.py" not in result.stdout


def test_ci_script_fetches_a_missing_base_branch(tmp_path: Path, branched: Repo, transformer: str) -> None:
    branched.write("new.py", NEEDS_FIX)
    branched.git("add", "new.py")
    branched.git("commit", "-q", "-m", "new work")
    clone = Repo(tmp_path / "runner", branched.env)
    subprocess.run(["git", "clone", "-q", "--single-branch", "-b", "feature", str(branched.path), str(clone.path)],
                   env=branched.env, check=True, capture_output=True, timeout=300)
    assert clone.git("rev-parse", "--verify", "-q", "origin/main", check=False).returncode != 0
    result = run_ci(clone, "--select", transformer, GITHUB_BASE_REF="main")
    assert result.returncode == 1, result.stderr
    assert "+++ b/new.py" in result.stdout and "legacy.py" not in result.stdout


def test_ci_script_without_a_base_is_a_usage_error(branched: Repo) -> None:
    result = run_ci(branched)
    assert result.returncode == 2
    assert "no base ref" in result.stderr
    result = run_ci(branched, "no-such-branch")
    assert result.returncode == 2
    assert "unknown base ref" in result.stderr
