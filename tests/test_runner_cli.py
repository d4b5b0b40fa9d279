"""End-to-end tests of the runner through the real console script."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.helpers import REPO, run_cli

RENAME_X = "tests.fixtures.transformers:RenameX"
ENV = {"PYTHONPATH": REPO}


def cli(*args: str, cwd, **kwargs):
    return run_cli(*args, "--no-cache", cwd=str(cwd), env=ENV, **kwargs)


def write(path, data: bytes, mode: int = 0o644):
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


# --- exit codes -------------------------------------------------------------

def test_apply_rewrites_and_exits_zero(tmp_path):
    target = write(tmp_path / "a.py", b"x = 1\n")
    done = cli("apply", "--select", RENAME_X, "a.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"renamed_x = 1\n"
    assert b"1 file changed of 1" in done.stderr


def test_apply_exit_non_zero_on_fix(tmp_path):
    write(tmp_path / "a.py", b"x = 1\n")
    assert cli("apply", "--select", RENAME_X, "--exit-non-zero-on-fix", "a.py", cwd=tmp_path).returncode == 1
    assert cli("apply", "--select", RENAME_X, "--exit-non-zero-on-fix", "a.py", cwd=tmp_path).returncode == 0


def test_dry_run_prints_diff_and_writes_nothing(tmp_path):
    target = write(tmp_path / "a.py", b"x = 1\n")
    done = cli("apply", "--dry-run", "--select", RENAME_X, "a.py", cwd=tmp_path)
    assert done.returncode == 0
    assert b"-x = 1\n+renamed_x = 1\n" in done.stdout
    assert target.read_bytes() == b"x = 1\n"


def test_check_exit_codes(tmp_path):
    write(tmp_path / "dirty.py", b"x = 1\n")
    write(tmp_path / "clean.py", b"y = 1\n")
    assert cli("check", "--select", RENAME_X, "clean.py", cwd=tmp_path).returncode == 0
    done = cli("check", "--select", RENAME_X, "dirty.py", "clean.py", cwd=tmp_path)
    assert done.returncode == 1
    assert b"+renamed_x = 1" in done.stdout
    assert (tmp_path / "dirty.py").read_bytes() == b"x = 1\n"


def test_errors_win_over_changes_and_other_files_are_processed(tmp_path):
    write(tmp_path / "a.py", b"x = 1\n")
    write(tmp_path / "bad.py", b"def f(:\n    pass\n")
    write(tmp_path / "c.py", b"x = 2\n")
    done = cli("check", "--select", RENAME_X, ".", cwd=tmp_path)
    assert done.returncode == 2
    assert b"bad.py:1:7: error: syntax error" in done.stderr
    assert done.stdout.count(b"+renamed_x") == 2
    applied = cli("apply", "--select", RENAME_X, ".", cwd=tmp_path)
    assert applied.returncode == 2
    assert (tmp_path / "a.py").read_bytes() == b"renamed_x = 1\n"
    assert (tmp_path / "c.py").read_bytes() == b"renamed_x = 2\n"
    assert b"Traceback" not in applied.stderr


def test_missing_path_is_an_error(tmp_path):
    done = cli("check", "--select", RENAME_X, "nope.py", cwd=tmp_path)
    assert done.returncode == 2
    assert b"nope.py:1:1: error: no such file" in done.stderr


def test_unknown_codemod_is_a_usage_error(tmp_path):
    done = cli("check", "--select", "no-such-codemod", cwd=tmp_path)
    assert done.returncode == 2
    assert b"unknown codemod 'no-such-codemod'" in done.stderr
    assert b"Traceback" not in done.stderr


# --- bytes are preserved ------------------------------------------------------

@pytest.mark.parametrize("name,before,after", [
    ("latin1_cookie", b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n", b"# -*- coding: latin-1 -*-\nrenamed_x = 'caf\xe9'\n"),
    ("cookie_line_two", b"#!/usr/bin/env python\n# coding: cp1252\nx = '\x80'\n", b"#!/usr/bin/env python\n# coding: cp1252\nrenamed_x = '\x80'\n"),
    ("utf8_bom", b"\xef\xbb\xbfx = '\xc3\xa9'\n", b"\xef\xbb\xbfrenamed_x = '\xc3\xa9'\n"),
    ("crlf", b"x = 1\r\ny = 2\r\n", b"renamed_x = 1\r\ny = 2\r\n"),
    ("mixed_newlines", b"a = 1\r\nx = 1\nb = 2\r\n", b"a = 1\r\nrenamed_x = 1\nb = 2\r\n"),
    ("no_trailing_newline", b"y = 0\nx = 1", b"y = 0\nrenamed_x = 1"),
    ("tabs", b"if True:\n\tx = 1\n\ty = 2\n", b"if True:\n\trenamed_x = 1\n\ty = 2\n"),
    ("form_feed", b"y = 1\n\x0c\nx = 2\n", b"y = 1\n\x0c\nrenamed_x = 2\n"),
    ("backslash", b"x = 1 + \\\n    2\n", b"renamed_x = 1 + \\\n    2\n"),
    ("lone_cr_inside_crlf", b"x = 1\r\ny = 2\rz = 3\n", b"renamed_x = 1\r\ny = 2\rz = 3\n"),
])
def test_bytes_outside_the_edit_are_kept(tmp_path, name, before, after):
    target = write(tmp_path / f"{name}.py", before)
    done = cli("apply", "--select", RENAME_X, target.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == after


@pytest.mark.parametrize("name,data,message", [
    ("nul", b"x = 1\x00\n", b"nul.py:1:6: error: file contains NUL bytes"),
    ("bad_utf8", b"y = 1\nx = '\xff'\n", b"bad_utf8.py:2:6: error: cannot decode as utf-8"),
    ("python2", b"print 'hi'\n", b"python2.py:1:1: error: syntax error"),
    ("bad_tabs", b"if True:\n        x = 1\n\ty = 2\n", b"bad_tabs.py:3:"),
    ("lone_cr", b"x = 1\ry = 2\r", b"lone_cr.py:1:1: error: libcst does not reproduce this file"),
    ("deep_parens", b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n", b"deep_parens.py:1:"),
    # libcst segfaults near this depth; CPython's parser must refuse it first
    ("deeper_parens", b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n", b"deeper_parens.py:1:205: error: syntax error"),
    ("py2_except_comma", b"try:\n    pass\nexcept ValueError, e:\n    pass\n", b"py2_except_comma.py:3:"),
    ("py2_backticks", b"x = `1`\n", b"py2_backticks.py:1:"),
    ("py2_octal", b"x = 0777\n", b"py2_octal.py:1:"),
    ("py2_raise_comma", b"raise ValueError, 'x'\n", b"py2_raise_comma.py:1:"),
    ("py2_exec", b"exec 'x = 1'\n", b"py2_exec.py:1:"),
    ("py2_ur_prefix", b"x = ur'a'\n", b"py2_ur_prefix.py:1:"),
    ("tab_error", b"if True:\n    x = 1\n\ty = 2\n", b"tab_error.py:3:"),
    ("form_feed_indent", b"if True:\n\x0c    x = 1\n\x0c\n    y = 2\n", b"form_feed_indent.py:1:1: error: libcst does not reproduce"),
])
def test_unprocessable_files_are_reported_not_touched(tmp_path, name, data, message):
    target = write(tmp_path / f"{name}.py", data)
    write(tmp_path / "good.py", b"x = 1\n")
    done = cli("apply", "--select", RENAME_X, ".", cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr, done.stderr
    assert target.read_bytes() == data
    assert (tmp_path / "good.py").read_bytes() == b"renamed_x = 1\n"
    assert b"Traceback" not in done.stderr


def test_long_chains_are_rewritten(tmp_path):
    chain = b"x = " + b" + ".join([b"1"] * 600) + b"\n"
    target = write(tmp_path / "chain.py", chain)
    done = cli("apply", "--select", RENAME_X, "chain.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"renamed_" + chain



def test_very_long_line_is_rewritten(tmp_path):
    items = b", ".join([b"1"] * 33400)
    assert len(items) > 100_000
    target = write(tmp_path / "long.py", b"x = [" + items + b"]\ny = 2\n")
    done = cli("apply", "--select", RENAME_X, "long.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"renamed_x = [" + items + b"]\ny = 2\n"


def test_deep_block_nesting_is_rewritten(tmp_path):
    depth = 90  # CPython allows 100 indentation levels
    lines = [b"    " * level + b"if x:\n" for level in range(depth)] + [b"    " * depth + b"x = 1\n"]
    target = write(tmp_path / "deep.py", b"x = 0\n" + b"".join(lines))
    done = cli("apply", "--select", RENAME_X, "deep.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == (b"x = 0\n" + b"".join(lines)).replace(b"x", b"renamed_x")


def test_five_megabyte_data_module(tmp_path):
    rows = [b"    ('key%06d', %d, '%s'),\n" % (i, i, b"v" * 40) for i in range(74000)]
    data = b"DATA = [\n" + b"".join(rows) + b"]\n"
    assert len(data) > 5_000_000
    target = write(tmp_path / "table.py", data)
    done = cli("apply", "table.py", cwd=tmp_path)  # the default codemods: nothing to do
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == data
    assert b"0 files changed of 1" in done.stderr


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"\n\n", b"#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n"])
def test_empty_and_comment_only_files(tmp_path, data):
    target = write(tmp_path / "m.py", data)
    done = cli("check", "--select", "ALL", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert target.read_bytes() == data


# --- the newest syntax: every codemod, output compiles, second run is a no-op --------

NEW_SYNTAX = {
    "match": ((3, 10), b"import os\n\ndef handle(command):\n    unused = 1\n    match command.split():\n"
                        b"        case [action, obj]:\n            return action, obj\n"
                        b"        case {'x': x, **rest}:\n            return rest\n        case Point(x=0) | None:\n"
                        b"            return None\n        case _:\n            return command\n"),
    "except_star": ((3, 11), b"import os\n\ndef run(work):\n    try:\n        work()\n"
                             b"    except* ValueError as group:\n        result = 1\n    except* (TypeError, KeyError):\n"
                             b"        result = 2\n    else:\n        result = 0\n    return result\n"),
    "walrus_decorators": ((3, 9), b"import os\nregistry = {}\n\n@registry.get('a', lambda f: f)\n"
                                  b"@(lambda f: f)\ndef first(values):\n    if (n := len(values)) > 1:\n"
                                  b"        return n\n    return [y for x in values if (y := x)]\n"),
    "pep695": ((3, 12), b"import os\n\ntype Pair[T] = tuple[T, T]\n\nclass Box[T]:\n    def get[S](self, other: S) -> T | S:\n"
                        b"        unused = 1\n        return other\n\ndef first[T: (int, str), *Ts, **P](x: T) -> T:\n    return x\n"),
    "pep701": ((3, 12), b"import os\n\ndef show(items, name):\n    unused = 1\n"
                        b"    return f\"{', '.join(f\"{x!r:>{len(name)}}\" for x in items)} {f'{name}'}\"\n"),
}


@pytest.mark.parametrize("name", sorted(NEW_SYNTAX))
def test_newest_syntax_through_every_codemod(tmp_path, name):
    version, data = NEW_SYNTAX[name]
    if sys.version_info < version:
        pytest.skip(f"needs Python {'.'.join(map(str, version))}")
    target = write(tmp_path / f"{name}.py", data)
    done = cli("apply", "--select", "ALL", "--unsafe-fixes", target.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rewritten = target.read_bytes()
    assert rewritten != data and b"import os" not in rewritten
    compile(rewritten, target.name, "exec")
    again = cli("check", "--select", "ALL", "--unsafe-fixes", target.name, cwd=tmp_path)
    assert again.returncode == 0, (again.stdout, again.stderr)


# --- file system --------------------------------------------------------------

def test_folder_named_like_a_module(tmp_path):
    (tmp_path / "x.py").mkdir()
    inner = write(tmp_path / "x.py" / "inner.py", b"x = 1\n")
    done = cli("apply", "--select", RENAME_X, ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert inner.read_bytes() == b"renamed_x = 1\n"
    named = cli("check", "--select", RENAME_X, "x.py", cwd=tmp_path)
    assert named.returncode == 0, named.stderr


def test_file_name_that_is_not_utf8(tmp_path):
    folder = os.fsencode(str(tmp_path))
    with open(os.path.join(folder, b"caf\xe9.py"), "wb") as handle:
        handle.write(b"x = 1\n")
    done = cli("apply", "--select", RENAME_X, ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(os.path.join(folder, b"caf\xe9.py"), "rb") as handle:
        assert handle.read() == b"renamed_x = 1\n"

# --- file system --------------------------------------------------------------

def test_read_only_file_is_refused(tmp_path):
    target = write(tmp_path / "ro.py", b"x = 1\n", mode=0o444)
    write(tmp_path / "rw.py", b"x = 1\n")
    done = cli("apply", "--select", RENAME_X, ".", cwd=tmp_path)
    assert done.returncode == 2
    assert b"ro.py:1:1: error: file is read-only" in done.stderr
    assert target.read_bytes() == b"x = 1\n"
    assert (tmp_path / "rw.py").read_bytes() == b"renamed_x = 1\n"


def test_mode_bits_are_kept(tmp_path):
    target = write(tmp_path / "script.py", b"#!/usr/bin/env python3\nx = 1\n", mode=0o755)
    assert cli("apply", "--select", RENAME_X, "script.py", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755
    assert target.read_bytes().endswith(b"renamed_x = 1\n")


def test_symlink_stays_a_symlink(tmp_path):
    real = write(tmp_path / "real.py", b"x = 1\n")
    os.symlink("real.py", tmp_path / "link.py")
    assert cli("apply", "--select", RENAME_X, "link.py", cwd=tmp_path).returncode == 0
    assert os.path.islink(tmp_path / "link.py")
    assert real.read_bytes() == b"renamed_x = 1\n"


def test_no_temporary_files_are_left(tmp_path):
    write(tmp_path / "a.py", b"x = 1\n")
    cli("apply", "--select", RENAME_X, "a.py", cwd=tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["a.py"]


def test_names_with_spaces_and_non_ascii(tmp_path):
    target = write(tmp_path / "my módule file.py", b"x = 1\n")
    assert cli("apply", "--select", RENAME_X, ".", cwd=tmp_path).returncode == 0
    assert target.read_bytes() == b"renamed_x = 1\n"


# --- user transformers -------------------------------------------------------

def test_user_transformer_by_path(tmp_path):
    (tmp_path / "migrate.py").write_text(
        "import libcst as cst\n"
        "class Rename(cst.CSTTransformer):\n"
        "    def leave_Name(self, original_node, updated_node):\n"
        "        if updated_node.value == 'old_api':\n"
        "            return updated_node.with_changes(value='new_api')\n"
        "        return updated_node\n")
    target = write(tmp_path / "app.py", b"from lib import old_api\nold_api()\n")
    done = run_cli("apply", "--no-cache", "--select", "migrate.py:Rename", "app.py", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"from lib import new_api\nnew_api()\n"


def test_user_transformer_with_metadata(tmp_path):
    target = write(tmp_path / "a.py", b"y = 1\ndef f(y):\n    return y\nprint(y)\n")
    done = cli("apply", "--select", "tests.fixtures.transformers:RenameGlobalY", "a.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"global_y = 1\ndef f(y):\n    return y\nprint(global_y)\n"


def test_libcst_codemod_command(tmp_path):
    target = write(tmp_path / "a.py", b"z = 1\n")
    done = cli("apply", "--select", "tests.fixtures.transformers:RenameZCommand", "a.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"renamed_z = 1\n"


def test_bad_user_transformer_is_a_usage_error(tmp_path):
    done = cli("check", "--select", "tests.fixtures.transformers:Nope", cwd=tmp_path)
    assert done.returncode == 2
    assert b"has no attribute 'Nope'" in done.stderr


def test_change_that_does_not_compile_is_dropped(tmp_path):
    target = write(tmp_path / "a.py", b"x = 1\n")
    done = cli("apply", "--select", "tests.fixtures.transformers:BreakSyntax", "a.py", cwd=tmp_path)
    assert done.returncode == 2
    assert b"internal error in codemod tests.fixtures.transformers:BreakSyntax" in done.stderr
    assert target.read_bytes() == b"x = 1\n"


def test_transform_that_never_converges_is_reported(tmp_path):
    target = write(tmp_path / "a.py", b"x = 1\n")
    done = cli("apply", "--select", "tests.fixtures.transformers:NeverConverges", "a.py", cwd=tmp_path)
    assert done.returncode == 2
    assert b"did not converge" in done.stderr
    assert target.read_bytes() == b"x = 1\n"


def test_transform_exception_is_reported_without_traceback(tmp_path):
    write(tmp_path / "a.py", b"x = 1\n")
    done = cli("apply", "--select", "tests.fixtures.transformers:Explodes", "a.py", cwd=tmp_path)
    assert done.returncode == 2
    assert b"internal error in codemod tests.fixtures.transformers:Explodes: RuntimeError: boom" in done.stderr
    assert b"Traceback" not in done.stderr


def test_process_crash_loses_only_that_file(tmp_path):
    for index in range(30):
        write(tmp_path / f"m{index:02}.py", b"x = 1\n")
    write(tmp_path / "m07.py", b"x = 1  # CRASH_HERE\n")
    done = cli("apply", "-j", "2", "--select", "tests.fixtures.transformers:CrashesProcess", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert b"m07.py:1:1: error: the parser crashed on this file" in done.stderr
    for index in range(30):
        expected = b"x = 1  # CRASH_HERE\n" if index == 7 else b"renamed_x = 1\n"
        assert (tmp_path / f"m{index:02}.py").read_bytes() == expected


def test_parallel_and_serial_runs_agree(tmp_path):
    for index in range(40):
        write(tmp_path / f"m{index:02}.py", b"x = %d\n" % index)
    serial = cli("check", "-j", "1", "--output-format", "json", "--select", RENAME_X, ".", cwd=tmp_path)
    parallel = cli("check", "-j", "2", "--output-format", "json", "--select", RENAME_X, ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    strip = lambda doc: {k: v for k, v in json.loads(doc).items() if k != "summary"}
    assert strip(serial.stdout) == strip(parallel.stdout)


# --- stdin, version, help ----------------------------------------------------

def test_stdin_filename(tmp_path):
    done = cli("apply", "--select", RENAME_X, "--stdin-filename", "pkg/mod.py", cwd=tmp_path, input=b"x = 1\r\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"renamed_x = 1\r\n"
    unchanged = cli("apply", "--select", RENAME_X, "--stdin-filename", "a.py", cwd=tmp_path, input=b"y = 1\n")
    assert unchanged.stdout == b"y = 1\n"
    checked = cli("check", "--select", RENAME_X, "--stdin-filename", "a.py", cwd=tmp_path, input=b"x = 1\n")
    assert checked.returncode == 1 and b"+renamed_x = 1" in checked.stdout
    broken = cli("apply", "--select", RENAME_X, "--stdin-filename", "a.py", cwd=tmp_path, input=b"def (\n")
    assert broken.returncode == 2 and b"a.py:1:" in broken.stderr and broken.stdout == b"def (\n"


def test_version_does_not_import_libcst():
    code = "import sys; from codemods.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\nprint('libcst' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.stdout.strip().endswith("False"), done.stdout
    assert "codemod 0." in done.stdout


def test_python_dash_m_and_help():
    done = subprocess.run([sys.executable, "-m", "codemods", "--help"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0
    assert "exit codes" in done.stdout and "check" in done.stdout


def test_debug_shows_traceback_for_internal_errors(tmp_path, monkeypatch):
    from codemods import cli as cli_module

    def explode(args):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(cli_module, "_run", explode)
    assert cli_module.main(["check", str(tmp_path)]) == 2
    with pytest.raises(RuntimeError):
        cli_module.main(["check", "--debug", str(tmp_path)])


def test_user_transformer_in_config_is_relative_to_the_config_file(tmp_path):
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "migrate.py").write_text(
        "import libcst as cst\n"
        "class Rename(cst.CSTTransformer):\n"
        "    def leave_Name(self, original_node, updated_node):\n"
        "        if updated_node.value == 'old_api':\n"
        "            return updated_node.with_changes(value='new_api')\n"
        "        return updated_node\n")
    (tmp_path / "pyproject.toml").write_text('[tool.codemods]\nselect = ["tools/migrate.py:Rename"]\n')
    (tmp_path / "src").mkdir()
    target = write(tmp_path / "src" / "app.py", b"from lib import old_api\nold_api()\n")
    done = run_cli("apply", "--no-cache", "app.py", cwd=str(tmp_path / "src"))  # run from a subfolder
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"from lib import new_api\nnew_api()\n"
