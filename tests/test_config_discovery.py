"""Configuration precedence, file discovery and --since, through the console script."""

from __future__ import annotations

import os
import subprocess

import pytest

from codemods.config import ConfigError, load_config
from codemods.discovery import discover_files
from tests.helpers import REPO, run_cli

RENAME_X = "tests.fixtures.transformers:RenameX"
ENV = {"PYTHONPATH": REPO}


def cli(*args, cwd):
    return run_cli(*args, "--no-cache", cwd=str(cwd), env=ENV)


def project(tmp_path, pyproject: str = "", files=None):
    if pyproject:
        (tmp_path / "pyproject.toml").write_text(pyproject)
    for name, text in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_config_select_is_used_and_command_line_overrides(tmp_path):
    project(tmp_path, f'[tool.codemods]\nselect = ["{RENAME_X}"]\n', {"a.py": "x = 1\nz = 2\n"})
    from_config = cli("check", ".", cwd=tmp_path)
    assert from_config.returncode == 1 and b"+renamed_x = 1" in from_config.stdout
    overridden = cli("check", "--select", "tests.fixtures.transformers:RenameZCommand", ".", cwd=tmp_path)
    assert b"+renamed_z = 2" in overridden.stdout and b"renamed_x" not in overridden.stdout


def test_config_found_from_a_subfolder(tmp_path):
    project(tmp_path, f'[tool.codemods]\nselect = ["{RENAME_X}"]\n', {"pkg/sub/a.py": "x = 1\n"})
    done = cli("check", "a.py", cwd=tmp_path / "pkg" / "sub")
    assert done.returncode == 1 and b"+renamed_x" in done.stdout


def test_unknown_key_is_an_error_naming_the_key(tmp_path):
    project(tmp_path, '[tool.codemods]\nselekt = ["x"]\n', {"a.py": "x = 1\n"})
    done = cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert b"unknown key `selekt`" in done.stderr


def test_unknown_codemod_option_is_an_error(tmp_path):
    project(tmp_path, '[tool.codemods.no-such-codemod]\nstyle = "numpy"\n', {"a.py": "x = 1\n"})
    done = cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2 and b"unknown codemod 'no-such-codemod'" in done.stderr


def test_bad_values_are_errors(tmp_path):
    for body, message in [('target-version = "py2"', "target-version"), ("unsafe-fixes = 1", "unsafe-fixes"),
                          ("select = 3", "select"), ('per-file-ignores = ["x"]', "per-file-ignores")]:
        (tmp_path / "pyproject.toml").write_text(f"[tool.codemods]\n{body}\n")
        with pytest.raises(ConfigError, match=message):
            load_config([str(tmp_path)])


def test_invalid_toml_is_reported(tmp_path):
    project(tmp_path, "[tool.codemods\nselect=", {"a.py": "x = 1\n"})
    done = cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2 and b"cannot read configuration" in done.stderr


def test_per_file_ignores(tmp_path):
    project(tmp_path, f'[tool.codemods]\nselect = ["{RENAME_X}"]\n'
                      f'[tool.codemods.per-file-ignores]\n"tests/*" = ["{RENAME_X}"]\n',
            {"app.py": "x = 1\n", "tests/test_app.py": "x = 1\n"})
    done = cli("apply", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == "renamed_x = 1\n"
    assert (tmp_path / "tests/test_app.py").read_text() == "x = 1\n"


def test_target_version_is_passed_to_the_parser(tmp_path):
    project(tmp_path, "", {"a.py": "match = 1\nx = match\n"})
    done = cli("apply", "--select", RENAME_X, "--target-version", "py39", "a.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.py").read_text() == "match = 1\nrenamed_x = match\n"
    assert cli("check", "--target-version", "py2", ".", cwd=tmp_path).returncode == 2


def test_discovery_honours_gitignore_excludes_and_file_types(tmp_path):
    project(tmp_path, '[tool.codemods]\nextend-exclude = ["generated/", "*_pb2.py"]\n', {
        ".gitignore": "ignored_dir/\nsecret.py\n!keep/secret.py\n",
        "a.py": "", "notes.txt": "", "secret.py": "", "keep/secret.py": "",
        "ignored_dir/b.py": "", "generated/c.py": "", "api_pb2.py": "", "sub/d.py": "",
        ".venv/lib/e.py": "", "build/f.py": "", "dir.py/g.py": "",
    })
    (tmp_path / ".git").mkdir()
    config = load_config([str(tmp_path)])
    files, missing = discover_files([str(tmp_path)], config)
    relative = sorted(os.path.relpath(f, tmp_path) for f in files)
    assert relative == ["a.py", "dir.py/g.py", "keep/secret.py", "sub/d.py"]
    assert missing == []


def test_explicit_files_are_processed_unless_force_exclude(tmp_path):
    project(tmp_path, f'[tool.codemods]\nselect = ["{RENAME_X}"]\nextend-exclude = ["skip_me.py"]\n',
            {"skip_me.py": "x = 1\n"})
    assert cli("check", "skip_me.py", cwd=tmp_path).returncode == 1
    assert cli("check", "--force-exclude", "skip_me.py", cwd=tmp_path).returncode == 0
    assert cli("check", ".", cwd=tmp_path).returncode == 0


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", *args], cwd=cwd, check=True, capture_output=True)


def test_since_limits_the_run_to_changed_files(tmp_path):
    project(tmp_path, "", {"old.py": "x = 1\n", "changed.py": "y = 1\n"})
    git("init", "-q", cwd=tmp_path)
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "base", cwd=tmp_path)
    (tmp_path / "changed.py").write_text("x = 2\n")
    (tmp_path / "new.py").write_text("x = 3\n")
    done = cli("check", "--select", RENAME_X, "--since", "HEAD", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert b"changed.py" in done.stdout and b"new.py" in done.stdout and b"old.py" not in done.stdout
    bad = cli("check", "--select", RENAME_X, "--since", "no-such-ref", ".", cwd=tmp_path)
    assert bad.returncode == 2 and b"--since no-such-ref" in bad.stderr


def test_shards_partition_the_files(tmp_path):
    files = {f"pkg/m{i}.py": "x = 1\n" for i in range(30)}
    project(tmp_path, "", files)
    seen = []
    for k in (1, 2, 3):
        done = run_cli("check", "--no-cache", "-q", "--output-format", "json", "--select", RENAME_X,
                       "--shard", f"{k}/3", ".", cwd=str(tmp_path), env=ENV)
        import json
        names = [f["file"] for f in json.loads(done.stdout)["files"]]
        assert names, f"shard {k} is empty"
        seen.extend(names)
    assert sorted(seen) == sorted(files)
    assert cli("check", "--shard", "4/3", ".", cwd=tmp_path).returncode == 2


def test_plain_name_excludes_agree_with_gitignore_semantics(tmp_path):
    # plain names are matched without pathspec; the answers must be pathspec's
    import pathspec

    from codemods.config import Config
    from codemods.discovery import _Excluder

    patterns = ["venv", "build", ".tox", "skip_me.py", "docs/*.py", "!keep.py", "*.tmp.py"]
    config = Config(root=str(tmp_path), exclude=patterns[:4], extend_exclude=patterns[4:])
    excluder = _Excluder(config)
    reference = pathspec.GitIgnoreSpec.from_lines(patterns)
    for relative, is_dir in [("venv", True), ("a/venv/x.py", False), ("a/b/build/y.py", False), ("builder/x.py", False),
                             ("skip_me.py", False), ("pkg/skip_me.py", False), ("docs/a.py", False),
                             ("docs/sub/a.py", False), ("keep.py", False), ("x.tmp.py", False), (".tox/a.py", False),
                             ("src/mod.py", False), ("venv2/a.py", False)]:
        expected = reference.match_file(relative + ("/" if is_dir else ""))
        assert excluder.excluded(str(tmp_path / relative), is_dir) == expected, relative
