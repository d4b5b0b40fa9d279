"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit.

pre-commit installs a hook by cloning its repository at a `rev` and pip-installing
it (our package, with libcst from PyPI) into an environment of its own. To test the
code as it is on disk, uncommitted changes included, the package files are
committed into a side repository under .cache/ (git-ignored) as a snapshot whose
commit id depends only on their content. PRE_COMMIT_HOME is .cache/pre-commit, so
the environment is built once per version of the package and reused by later runs
(`pre-commit try-repo` would rebuild it every time, in a throw-away store).

Each test project runs `pre-commit gc`, which drops the environments of snapshots
no live configuration names (pytest keeps the last three runs' temporary folders,
so a few stay); `rm -rf .cache/pre-commit` clears everything.

The fix comes from a user transformer (foo -> bar) given in the hook's `args`, so
the tests do not depend on which built-in codemods exist; one more test runs the
hook with no args when the built-in `unused-imports` codemod is registered.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from tests.helpers import REPO

BIN = os.path.dirname(sys.executable)
PRE_COMMIT = os.path.join(BIN, "pre-commit")
CACHE = os.path.join(REPO, ".cache")
PRE_COMMIT_HOME = os.path.join(CACHE, "pre-commit")
HOOK_SOURCE = os.path.join(CACHE, "pre-commit-hook-source.git")
#: what pip needs to install the package, and the hook definitions.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE", "setup.py", "setup.cfg", ".pre-commit-hooks.yaml", "codemods")

pytestmark = [
    pytest.mark.skipif(not os.path.exists(PRE_COMMIT), reason=f"pre-commit is not installed ({PRE_COMMIT} missing)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

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


def clean_env(**extra: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "CODEMOD")) and k != "FORCE_COLOR"}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.com")
    env.update(extra)
    return env


def git(*args: str, cwd: str, env: Optional[Dict[str, str]] = None) -> str:
    completed = subprocess.run(["git", *args], cwd=cwd, env=env or clean_env(), capture_output=True, text=True,
                               timeout=300)
    if completed.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {completed.stderr}")
    return completed.stdout


def snapshot_package() -> str:
    """Commit the package files as they are on disk into HOOK_SOURCE; return the commit id.

    The same content always gives the same commit (fixed author, dates, no parent),
    so pre-commit finds its environment for it in PRE_COMMIT_HOME.
    """
    if not os.path.exists(os.path.join(REPO, ".git")):  # a folder, or a file in a git worktree
        pytest.skip("the tests are not running from a git checkout")
    env = clean_env()
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *PACKAGE_FILES,
                 cwd=REPO, env=env)
    files = [name for name in listed.split("\0") if name and os.path.isfile(os.path.join(REPO, name))]
    os.makedirs(CACHE, exist_ok=True)
    if not os.path.isdir(HOOK_SOURCE):
        git("init", "-q", "--bare", HOOK_SOURCE, cwd=CACHE, env=env)
    with tempfile.TemporaryDirectory() as scratch:
        side = dict(env, GIT_DIR=HOOK_SOURCE, GIT_WORK_TREE=REPO, GIT_INDEX_FILE=os.path.join(scratch, "index"),
                    GIT_LITERAL_PATHSPECS="1", GIT_AUTHOR_DATE="2000-01-01T00:00:00Z",
                    GIT_COMMITTER_DATE="2000-01-01T00:00:00Z")
        for start in range(0, len(files), 200):
            git("add", "-f", "--", *files[start:start + 200], cwd=REPO, env=side)
        tree = git("write-tree", cwd=REPO, env=side).strip()
        commit = git("commit-tree", tree, "-m", "codemods package snapshot for the pre-commit tests",
                     cwd=REPO, env=side).strip()
        # A tag keeps the commit reachable, so pre-commit can fetch it.
        subprocess.run(["git", "tag", "-f", f"snapshot-{commit}", commit], env=side, cwd=REPO,
                       capture_output=True, timeout=60)
    return commit


class Project:
    """A temporary git repository using our hooks through .pre-commit-config.yaml."""

    def __init__(self, path: Path, env: Dict[str, str]) -> None:
        self.path, self.env = path, env

    def run(self, *command: str) -> subprocess.CompletedProcess:
        completed = subprocess.run(list(command), cwd=self.path, env=self.env, capture_output=True, text=True,
                                   timeout=900)
        completed.output = completed.stdout + completed.stderr  # type: ignore[attr-defined]
        return completed

    def git(self, *args: str) -> str:
        return git(*args, cwd=str(self.path), env=self.env)

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text)

    def read(self, name: str) -> str:
        return (self.path / name).read_text()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def make_project(root: Path, hook_args: List[str]) -> Project:
    revision = snapshot_package()
    args = ", ".join(f'"{arg}"' for arg in hook_args)
    config = (
        "repos:\n"
        f"  - repo: {HOOK_SOURCE}\n"
        f"    rev: {revision}\n"
        "    hooks:\n"
        "      - id: codemod\n"
        f"        args: [{args}]\n"
        "      - id: codemod-check\n"
        f"        args: [{args}]\n"
        "        stages: [manual]\n"
    )
    project = Project(root / "project", clean_env(PRE_COMMIT_HOME=PRE_COMMIT_HOME, PRE_COMMIT_COLOR="never",
                                                   PATH=BIN + os.pathsep + os.environ.get("PATH", "")))
    project.path.mkdir()
    project.git("init", "-q")
    project.git("config", "commit.gpgsign", "false")
    project.write(".pre-commit-config.yaml", config)
    project.write("clean.py", "x = 1\n")
    project.git("add", ".pre-commit-config.yaml", "clean.py")
    project.git("commit", "-q", "--no-verify", "-m", "initial")
    installed = project.run(PRE_COMMIT, "install")  # also records this config as in use
    assert installed.returncode == 0, installed.output
    # Drop environments of older snapshots whose test repositories are gone, so the
    # cache does not grow with every change to the package.
    collected = project.run(PRE_COMMIT, "gc")
    assert collected.returncode == 0, collected.output
    # Build (or find in the cache) the hook environments once, outside the timed commits.
    built = project.run(PRE_COMMIT, "install-hooks")
    assert built.returncode == 0, built.output
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("precommit")
    transformer = root / "rename_foo.py"
    transformer.write_text(RENAME_FOO)
    return make_project(root, ["--select", f"{transformer}:RenameFoo"])


def test_codemod_hook_fixes_the_file_and_fails_the_commit(project: Project) -> None:
    before = project.head()
    project.write("module.py", NEEDS_FIX)
    project.git("add", "module.py")
    commit = project.run("git", "commit", "-m", "needs a fix")
    assert commit.returncode == 1, commit.output
    assert "codemod" in commit.output and "Failed" in commit.output
    assert "files were modified by this hook" in commit.output
    assert project.read("module.py") == FIXED
    assert project.head() == before
    # The user reviews the fix, stages it, and commits again: now it passes.
    project.git("add", "module.py")
    commit = project.run("git", "commit", "-m", "fixed")
    assert commit.returncode == 0, commit.output
    assert "Passed" in commit.output
    assert project.git("show", "HEAD:module.py") == FIXED


def test_codemod_hook_passes_a_clean_file(project: Project) -> None:
    before = project.head()
    project.write("tidy.py", "value = 2\nprint(value)\n")
    project.git("add", "tidy.py")
    commit = project.run("git", "commit", "-m", "clean")
    assert commit.returncode == 0, commit.output
    assert "Passed" in commit.output
    assert project.head() != before


def test_codemod_hook_skips_non_python_files(project: Project) -> None:
    project.write("notes.txt", NEEDS_FIX)
    project.git("add", "notes.txt")
    commit = project.run("git", "commit", "-m", "notes")
    assert commit.returncode == 0, commit.output
    assert "no files to check" in commit.output.lower() or "Skipped" in commit.output
    assert project.read("notes.txt") == NEEDS_FIX


def test_configured_excludes_apply_to_the_files_pre_commit_names(project: Project) -> None:
    # pre-commit passes each staged file by name; --force-exclude in the hook's
    # entry keeps [tool.codemods] extend-exclude working all the same.
    project.write("pyproject.toml", '[tool.codemods]\nextend-exclude = ["vendored"]\n')
    (project.path / "vendored").mkdir()
    project.write("vendored/lib.py", NEEDS_FIX)
    project.git("add", "pyproject.toml", "vendored/lib.py")
    commit = project.run("git", "commit", "-m", "vendored code")
    assert commit.returncode == 0, commit.output
    assert project.read("vendored/lib.py") == NEEDS_FIX


def test_codemod_check_hook_fails_without_writing(project: Project) -> None:
    project.write("pending.py", NEEDS_FIX)
    project.git("add", "pending.py")
    run = project.run(PRE_COMMIT, "run", "--hook-stage", "manual", "codemod-check", "--files", "pending.py")
    assert run.returncode == 1, run.output
    assert "-foo = 1" in run.output and "+bar = 1" in run.output
    assert "files were modified" not in run.output
    assert project.read("pending.py") == NEEDS_FIX
    project.write("pending.py", FIXED)
    run = project.run(PRE_COMMIT, "run", "--hook-stage", "manual", "codemod-check", "--files", "pending.py")
    assert run.returncode == 0, run.output


def test_builtin_codemods_run_with_the_default_args(tmp_path: Path) -> None:
    from codemods.registry import builtin_codemods

    if "unused-imports" not in builtin_codemods():
        pytest.skip("the built-in unused-imports codemod is not there yet")
    project = make_project(tmp_path, [])
    project.write("module.py", "import os\nimport sys\n\nprint(sys.argv)\n")
    project.git("add", "module.py")
    commit = project.run("git", "commit", "-m", "unused import")
    assert commit.returncode == 1, commit.output
    assert "files were modified by this hook" in commit.output
    assert "import os" not in project.read("module.py")
    assert "print(sys.argv)" in project.read("module.py")


def test_a_commit_of_one_module_keeps_the_other_importable(tmp_path: Path) -> None:
    """Issue 13: pre-commit names only the staged file; the fix it makes there must
    not break the module that is not staged (the whole project is indexed)."""
    from codemods.registry import builtin_codemods

    if not {"naming", "unused-imports"} <= set(builtin_codemods()):
        pytest.skip("needs the built-in naming and unused-imports codemods")
    project = make_project(tmp_path, [])
    (project.path / "pkg").mkdir()
    project.write("pkg/__init__.py", "")
    project.write("pkg/core.py", "import os\nfrom json import dumps\n\n\ndef helperFunc():\n    return 1\n\n\n"
                                 "def _privHelper(someArg):\n    return someArg\n")
    project.write("pkg/report.py", "from pkg.core import helperFunc, _privHelper, dumps\n\n"
                                   "RESULT = dumps([helperFunc(), _privHelper(someArg=2)])\n")
    project.git("add", "pkg")
    project.git("commit", "-q", "--no-verify", "-m", "two modules")
    with open(project.path / "pkg" / "core.py", "a") as handle:
        handle.write("\n\nLIMIT = 2\n")
    project.git("add", "pkg/core.py")  # only core.py is staged
    commit = project.run("git", "commit", "-m", "a limit")
    assert commit.returncode == 1, commit.output  # the hook fixed core.py: review it
    assert "files were modified by this hook" in commit.output
    core = project.read("pkg/core.py")
    assert "import os\n" not in core  # the fix it could make
    assert "def helperFunc():" in core and "def _privHelper(someArg):" in core and "from json import dumps" in core
    # what it held back, and why (helperFunc is public: renamed only with --unsafe-fixes)
    assert "pkg/report.py:1 refers to '_privHelper'" in commit.output
    assert "pkg/report.py:3 refers to 'someArg'" in commit.output
    assert "pkg/report.py:1 reads it from this module" in commit.output
    imported = subprocess.run([sys.executable, "-c", "import pkg.report; print(pkg.report.RESULT)"],
                              cwd=project.path, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0 and imported.stdout == "[1, 2]\n", imported.stderr
