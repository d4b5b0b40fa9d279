"""Output of `codemod apply/check`: text (diff, colour, findings, summary line),
JSON, SARIF 2.1.0 (validated against the official schema in tests/data), GitHub
workflow annotations, and the progress bar.

Most tests go through the real console script. Fixes and report-only findings come
from a test-only plugin installed for the subprocess through a ``*.dist-info``
folder on PYTHONPATH (the ``codemods.transforms`` entry-point group, as a
third-party package would register it), and from a user transformer file.
"""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import unquote, urljoin, urlparse
from urllib.request import url2pathname

import jsonschema
import pytest

from codemods.contract import Finding, Fix
from codemods.engine.pipeline import FileResult
from codemods.reporting import render
from codemods.reporting.progress import PROGRESS_MIN_FILES, ProgressBar
from codemods.runner import RunReport
from codemods.engine.source import SourceError
from tests.helpers import run_cli

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ANSI = "\033["

PLUGIN_DECLARATIONS = '''\
"""Test-only codemods.

What it changes
    ``foo`` becomes ``bar`` (test-rename); ``baz`` becomes ``qux`` (test-unsafe-rename).
Never
    Anything else.
Fix safety
    Test only.
Options
    None.
"""
import ast

from codemods.contract import Codemod


class TestRename(Codemod):
    id = "test-rename"
    summary = "Rename foo to bar; report TODO comments (test only)."
    default = False
    order = 900
    rewriter = "test_plugin_rewriters:RenameAndReport"

    def detect(self, tree: ast.Module, source: str) -> bool:
        return "foo" in source or "TODO" in source


class TestUnsafeRename(Codemod):
    id = "test-unsafe-rename"
    summary = "Rename baz to qux (test only, unsafe)."
    default = False
    safe = False
    order = 901
    rewriter = "test_plugin_rewriters:UnsafeRename"

    def detect(self, tree: ast.Module, source: str) -> bool:
        return "baz" in source
'''

PLUGIN_REWRITERS = '''\
import libcst as cst

from codemods.cst.base import Rewriter


class RenameAndReport(Rewriter):
    def leave_Name(self, original_node, updated_node):
        if updated_node.value == "foo":
            self.record_fix(original_node, "renamed foo to bar")
            return updated_node.with_changes(value="bar")
        return updated_node

    def visit_Comment(self, node):
        if "TODO" in node.value:
            self.record_finding(node, "TODO left in the code", hint="do it, or file an issue")


class UnsafeRename(Rewriter):
    def leave_Name(self, original_node, updated_node):
        if updated_node.value == "baz":
            self.record_fix(original_node, "renamed baz to qux")
            return updated_node.with_changes(value="qux")
        return updated_node
'''

USER_TRANSFORMER = '''\
import libcst as cst


class RenameFoo(cst.CSTTransformer):
    def leave_Name(self, original_node, updated_node):
        if updated_node.value == "foo":
            return updated_node.with_changes(value="bar")
        return updated_node
'''

# Two changes far enough apart to be two hunks.
TWO_FIXES = "foo = 1\n" + "".join(f"line_{n} = {n}\n" for n in range(10)) + "print(foo)\n"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = tmp_path_factory.mktemp("site")
    (site / "test_plugin_codemods.py").write_text(PLUGIN_DECLARATIONS)
    (site / "test_plugin_rewriters.py").write_text(PLUGIN_REWRITERS)
    info = site / "test_codemods_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: test-codemods-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[codemods.transforms]\ntest-plugins = test_plugin_codemods\n")
    return str(site)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    return folder


def cli(project: Path, plugin_path: str, *args: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """The console script in ``project`` with the test plugin importable; text output."""
    full_env = {"PYTHONPATH": plugin_path, "NO_COLOR": ""}
    full_env.update(env or {})
    result = run_cli(*args, "--no-cache", cwd=str(project), env=full_env)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def assert_valid_sarif(validator, document: dict) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def resolve_sarif_uri(run: dict, location: dict) -> str:
    """The file a SARIF artifactLocation points at, as a local path."""
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    assert not re.search(r"[\s\\]", uri), f"not a URI: {uri!r}"
    if "uriBaseId" in artifact:
        uri = urljoin(run["originalUriBaseIds"][artifact["uriBaseId"]]["uri"], uri)
    parsed = urlparse(uri)
    assert parsed.scheme == "file", uri
    return url2pathname(unquote(parsed.path))


# --- JSON -------------------------------------------------------------------------


def test_json_has_one_record_per_fix(project: Path, plugin_path: str) -> None:
    (project / "two.py").write_text(TWO_FIXES)
    (project / "clean.py").write_text("x = 1\n")
    result = cli(project, plugin_path, "check", "--select", "test-rename", "--output-format", "json",
                 "two.py", "clean.py")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["mode"] == "check"
    fixes = [r for r in document["records"] if r["kind"] == "fix"]
    assert [(r["file"], r["line"], r["column"]) for r in fixes] == [("two.py", 1, 1), ("two.py", 12, 7)]
    for record in fixes:
        assert record["codemod"] == "test-rename"
        assert record["message"] == "renamed foo to bar"
        assert record["safe"] is True
    assert document["summary"]["files"] == 2 and document["summary"]["changed"] == 1
    assert [f["file"] for f in document["files"]] == ["two.py"]
    assert "+bar = 1" in document["files"][0]["diff"]
    assert (project / "two.py").read_text() == TWO_FIXES  # check never writes


def test_json_marks_unsafe_fixes(project: Path, plugin_path: str) -> None:
    (project / "m.py").write_text("baz = 1\n")
    result = cli(project, plugin_path, "apply", "--select", "test-unsafe-rename", "--unsafe-fixes",
                 "--output-format", "json", "m.py")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    (record,) = document["records"]
    assert record["safe"] is False and record["codemod"] == "test-unsafe-rename"
    assert document["files"][0]["written"] is True
    assert (project / "m.py").read_text() == "qux = 1\n"


def test_json_from_a_user_transformer(project: Path, plugin_path: str, tmp_path: Path) -> None:
    transformer = tmp_path / "rename_foo.py"
    transformer.write_text(USER_TRANSFORMER)
    (project / "two.py").write_text(TWO_FIXES)
    selector = f"{transformer}:RenameFoo"
    result = cli(project, plugin_path, "check", "--select", selector, "--output-format", "json", "two.py")
    assert result.returncode == 1
    records = json.loads(result.stdout)["records"]
    assert [(r["kind"], r["line"], r["codemod"]) for r in records] == [("fix", 1, selector), ("fix", 12, selector)]
    assert all(r["message"] and r["safe"] is True for r in records)


def test_json_errors_and_findings(project: Path, plugin_path: str) -> None:
    (project / "todo.py").write_text("x = 1  # TODO: name it\n")
    (project / "broken.py").write_text("def f(:\n")
    result = cli(project, plugin_path, "check", "--select", "test-rename", "--output-format", "json",
                 "todo.py", "broken.py")
    assert result.returncode == 2  # errors win over findings
    records = json.loads(result.stdout)["records"]
    finding = next(r for r in records if r["kind"] == "finding")
    assert finding == {"kind": "finding", "file": "todo.py", "line": 1, "column": 8, "codemod": "test-rename",
                       "message": "TODO left in the code", "hint": "do it, or file an issue", "safe": None}
    error = next(r for r in records if r["kind"] == "error")
    assert error["file"] == "broken.py" and error["line"] == 1
    assert "broken.py:1:" in result.stderr  # errors also on stderr, for people


# --- findings: every format, and `check` fails on them --------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_findings_appear_in_every_format_and_fail_check(project: Path, plugin_path: str, output_format: str,
                                                       sarif_validator) -> None:
    (project / "todo.py").write_text("x = 1  # TODO: name it\n")
    result = cli(project, plugin_path, "check", "--select", "test-rename", "--output-format", output_format,
                 "todo.py")
    assert result.returncode == 1, result.stderr
    assert "TODO left in the code" in result.stdout
    assert (project / "todo.py").read_text() == "x = 1  # TODO: name it\n"
    if output_format == "text":
        assert "todo.py:1:8: test-rename: TODO left in the code (hint: do it, or file an issue)" in result.stdout
    elif output_format == "github":
        assert result.stdout.startswith("::warning file=todo.py,line=1,col=8,title=codemod test-rename::")
    elif output_format == "sarif":
        document = json.loads(result.stdout)
        assert_valid_sarif(sarif_validator, document)
        (found,) = document["runs"][0]["results"]
        assert found["ruleId"] == "test-rename" and found["properties"]["fixable"] is False
    # apply reports them too, but only check fails on them
    applied = cli(project, plugin_path, "apply", "--select", "test-rename", "--output-format", output_format,
                  "todo.py")
    assert applied.returncode == 0 and "TODO left in the code" in applied.stdout


def test_cached_findings_still_fail_check(project: Path, plugin_path: str) -> None:
    (project / "todo.py").write_text("x = 1  # TODO\n")
    env = {"PYTHONPATH": plugin_path}
    args = ("check", "--select", "test-rename", "--cache-dir", str(project / ".cache"), "todo.py")
    first = run_cli(*args, cwd=str(project), env=env)
    second = run_cli(*args, cwd=str(project), env=env)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and b"TODO left in the code" in second.stdout


def synthetic_report() -> RunReport:
    fixed = FileResult("pkg/fixed.py", status="changed", old_text="a = 1\n", new_text="b = 1\n",
                       fixes=[Fix("naming", 1, 1, "renamed a to b")],
                       findings=[Finding("naming", 3, 5, "cannot rename 'Api': exported", "rename by hand")])
    broken = FileResult("broken.py", status="error", errors=[SourceError("invalid syntax", 2, 4)])
    clean = FileResult("clean.py")
    return RunReport(results=[fixed, broken, clean], seconds=0.5)


class Declaration:
    summary = "Make names follow PEP 8."
    safe = True
    default = True

    @classmethod
    def documentation(cls) -> str:
        return "What it changes\n    names."


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_render_puts_fixes_findings_and_errors_in_every_format(output_format: str, sarif_validator) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    render(synthetic_report(), output_format, mode="check", color=False, codemods={"naming": Declaration},
           stdout=stdout, stderr=stderr)
    out, err = stdout.getvalue(), stderr.getvalue()
    assert "broken.py:2:4: error: invalid syntax" in err
    assert "cannot rename 'Api': exported" in out
    if output_format == "text":
        assert "+b = 1" in out
        assert "pkg/fixed.py:3:5: naming: cannot rename 'Api': exported (hint: rename by hand)" in out
        assert err.splitlines()[-1] == "1 file would change of 3; fixes: naming 1; 1 finding to fix by hand; 1 error; 0.50s"
    elif output_format == "json":
        kinds = [(r["kind"], r["file"], r["line"]) for r in json.loads(out)["records"]]
        assert kinds == [("fix", "pkg/fixed.py", 1), ("finding", "pkg/fixed.py", 3), ("error", "broken.py", 2)]
    elif output_format == "sarif":
        document = json.loads(out)
        assert_valid_sarif(sarif_validator, document)
        run = document["runs"][0]
        assert [(r["ruleId"], r["properties"]["fixable"]) for r in run["results"]] == [("naming", True), ("naming", False)]
        rule = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
        assert rule["id"] == "naming" and rule["shortDescription"]["text"] == "Make names follow PEP 8."
        (invocation,) = run["invocations"]
        assert invocation["executionSuccessful"] is False
        assert "invalid syntax" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    else:
        assert out.splitlines() == [
            "::warning file=pkg/fixed.py,line=1,col=1,title=codemod naming::would fix: renamed a to b",
            "::warning file=pkg/fixed.py,line=3,col=5,title=codemod naming::cannot rename 'Api': exported (hint: rename by hand)",
            "::error file=broken.py,line=2,col=4,title=codemod error::invalid syntax",
        ]


# --- SARIF ------------------------------------------------------------------------


def test_sarif_validates_and_points_at_the_files(project: Path, plugin_path: str, sarif_validator) -> None:
    (project / "sub dir").mkdir()
    (project / "sub dir" / "my #1 module.py").write_text(TWO_FIXES)
    (project / "broken.py").write_text("def f(:\n")
    result = cli(project, plugin_path, "check", "--select", "test-rename", "--output-format", "sarif", ".")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert_valid_sarif(sarif_validator, document)
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert run["tool"]["driver"]["name"] == "codemods"
    results = run["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [1, 12]
    for found in results:
        assert found["ruleId"] == "test-rename" and found["message"]["text"] == "renamed foo to bar"
        target = resolve_sarif_uri(run, found["locations"][0])
        assert os.path.samefile(target, project / "sub dir" / "my #1 module.py")
        rule = run["tool"]["driver"]["rules"][found["ruleIndex"]]
        assert rule["id"] == "test-rename"
        assert rule["shortDescription"]["text"] == "Rename foo to bar; report TODO comments (test only)."
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert os.path.samefile(resolve_sarif_uri(run, notification["locations"][0]), project / "broken.py")


def test_sarif_uri_for_a_file_outside_the_current_folder(project: Path, plugin_path: str, tmp_path: Path,
                                                        sarif_validator) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a b.py").write_text("foo = 1\n")
    result = cli(project, plugin_path, "check", "--select", "test-rename", "--output-format", "sarif",
                 str(outside / "a b.py"))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert_valid_sarif(sarif_validator, document)
    run = document["runs"][0]
    location = run["results"][0]["locations"][0]
    assert "uriBaseId" not in location["physicalLocation"]["artifactLocation"]
    assert os.path.samefile(resolve_sarif_uri(run, location), outside / "a b.py")


def test_sarif_of_a_clean_run(project: Path, plugin_path: str, sarif_validator) -> None:
    (project / "clean.py").write_text("x = 1\n")
    result = cli(project, plugin_path, "check", "--output-format", "sarif", "clean.py")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert_valid_sarif(sarif_validator, document)
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_the_vendored_schema_rejects_a_broken_document(sarif_validator) -> None:
    # Guards the guard: the schema must really constrain results.
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                            "results": [{"ruleId": "r", "level": "loud", "message": {}}]}]}
    assert list(sarif_validator.iter_errors(broken))


# --- GitHub annotations ----------------------------------------------------------


ANNOTATION = re.compile(r"^::(warning|error) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def test_github_annotations(project: Path, plugin_path: str, tmp_path: Path) -> None:
    transformer = tmp_path / "rename_foo.py"
    transformer.write_text(USER_TRANSFORMER)
    (project / "two.py").write_text(TWO_FIXES)
    (project / "broken.py").write_text("x = (\n")
    selector = f"{transformer}:RenameFoo"
    result = cli(project, plugin_path, "check", "--select", selector, "--output-format", "github",
                 "two.py", "broken.py")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    parsed = [ANNOTATION.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m.group(1), m.group(2), m.group(3)) for m in parsed] == [
        ("warning", "two.py", "1"), ("warning", "two.py", "12"), ("error", "broken.py", "1")]
    # ':' inside a property is escaped, or GitHub would cut the title there
    assert parsed[0].group(5) == "codemod " + selector.replace(":", "%3A")
    assert parsed[0].group(6).startswith("would fix: ")
    applied = cli(project, plugin_path, "apply", "--select", selector, "--output-format", "github", "two.py")
    assert applied.returncode == 0
    assert ANNOTATION.match(applied.stdout.splitlines()[0]).group(6).startswith("fixed: ")


def test_github_escapes_newlines_and_percent() -> None:
    report = RunReport(results=[FileResult("a,b.py", findings=[Finding("x", 1, 1, "100% sure\nsecond line", "")])])
    out = io.StringIO()
    render(report, "github", mode="check", color=False, codemods={}, stdout=out, stderr=io.StringIO())
    assert out.getvalue() == "::warning file=a%2Cb.py,line=1,col=1,title=codemod x::100%25 sure%0Asecond line\n"


# --- text: colour and the summary line -------------------------------------------


def test_colour_only_when_asked_or_on_a_terminal(project: Path, plugin_path: str) -> None:
    (project / "m.py").write_text("foo = 1\n")
    piped = cli(project, plugin_path, "check", "--select", "test-rename", "m.py")
    assert piped.returncode == 1
    assert ANSI not in piped.stdout and "+bar = 1" in piped.stdout
    always = cli(project, plugin_path, "check", "--select", "test-rename", "--color", "always", "m.py")
    assert always.returncode == 1
    assert "\033[32m+bar = 1\033[0m" in always.stdout and "\033[31m-foo = 1\033[0m" in always.stdout
    assert "\033[36m@@" in always.stdout
    never = cli(project, plugin_path, "check", "--select", "test-rename", "--color", "never", "m.py",
                env={"FORCE_COLOR": "1"})
    assert ANSI not in never.stdout
    forced = cli(project, plugin_path, "check", "--select", "test-rename", "m.py", env={"FORCE_COLOR": "1"})
    assert ANSI in forced.stdout
    vetoed = cli(project, plugin_path, "check", "--select", "test-rename", "m.py",
                 env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ANSI not in vetoed.stdout


def test_colour_on_a_terminal_by_default(project: Path, plugin_path: str) -> None:
    (project / "m.py").write_text("foo = 1\n")
    output = run_on_pty(project, plugin_path, ["check", "--select", "test-rename", "m.py"], stream="stdout")
    assert "\033[32m+bar = 1" in output


def summary(result: subprocess.CompletedProcess) -> str:
    return result.stderr.splitlines()[-1]


def test_summary_line(project: Path, plugin_path: str) -> None:
    (project / "a.py").write_text("foo = 1\nprint(foo)\n")
    (project / "b.py").write_text("baz = foo\n")
    (project / "c.py").write_text("x = 1  # TODO\n")
    (project / "d.py").write_text("def f(:\n")
    args = ["--select", "test-rename,test-unsafe-rename", "--unsafe-fixes", "a.py", "b.py", "c.py", "d.py"]
    checked = cli(project, plugin_path, "check", *args)
    assert checked.returncode == 2
    assert re.fullmatch(r"2 files would change of 4; fixes: test-rename 3, test-unsafe-rename 1; "
                        r"1 finding to fix by hand; 1 error; \d+\.\d\ds", summary(checked)), summary(checked)
    quiet = cli(project, plugin_path, "check", "-q", *args)
    assert quiet.stderr.splitlines() == [line for line in checked.stderr.splitlines() if line.startswith("d.py:")]
    assert len(quiet.stderr.splitlines()) == 1
    applied = cli(project, plugin_path, "apply", *args)
    assert applied.stdout.splitlines() == ["fixed a.py (test-rename 2)",
                                           "fixed b.py (test-rename 1, test-unsafe-rename 1)",
                                           "c.py:1:8: test-rename: TODO left in the code (hint: do it, or file an issue)"]
    assert re.fullmatch(r"2 files changed of 4; fixes: test-rename 3, test-unsafe-rename 1; "
                        r"1 finding to fix by hand; 1 error; \d+\.\d\ds", summary(applied)), summary(applied)
    again = cli(project, plugin_path, "check", *args[:3], "a.py", "b.py")
    assert again.returncode == 0
    assert re.fullmatch(r"0 files would change of 2; \d+\.\d\ds", summary(again)), summary(again)


def test_json_and_sarif_stdout_is_only_the_document(project: Path, plugin_path: str) -> None:
    files = []
    for number in range(PROGRESS_MIN_FILES + 5):
        (project / f"m{number}.py").write_text("foo = 1\n")
        files.append(f"m{number}.py")
    for output_format in ("json", "sarif"):
        result = cli(project, plugin_path, "check", "--select", "test-rename", "-j", "1",
                     "--output-format", output_format, *files)
        json.loads(result.stdout)  # no summary or progress mixed in
        assert result.returncode == 1


# --- progress bar --------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_wanted_only_for_long_runs_on_a_terminal() -> None:
    assert not ProgressBar.wanted(PROGRESS_MIN_FILES - 1, FakeTerminal())
    assert ProgressBar.wanted(PROGRESS_MIN_FILES, FakeTerminal())
    assert not ProgressBar.wanted(1000, io.StringIO())


def test_progress_bar_draws_and_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(1000, 10_000))
    monkeypatch.setattr("codemods.reporting.progress.time.monotonic", lambda: float(next(clock)))
    terminal = FakeTerminal()
    bar = ProgressBar(4, stream=terminal, width=8)
    for _ in range(4):
        bar.advance()
    drawn = terminal.getvalue()
    assert drawn.split("\r")[1:] == ["[##......] 1/4 files", "[####....] 2/4 files",
                                     "[######..] 3/4 files", "[########] 4/4 files"]
    bar.close()
    assert terminal.getvalue().endswith("\r")
    assert terminal.getvalue()[len(drawn):].strip() == ""


def test_progress_bar_is_throttled_but_always_shows_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("codemods.reporting.progress.time.monotonic", lambda: 100.0)
    terminal = FakeTerminal()
    bar = ProgressBar(500, stream=terminal)
    for _ in range(500):
        bar.advance()
    frames = [frame for frame in terminal.getvalue().split("\r") if frame]
    assert frames == [f"[{'#' * 0}{'.' * 30}] 1/500 files", f"[{'#' * 30}] 500/500 files"]


def test_progress_bar_defaults_to_stderr_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert ProgressBar.wanted(PROGRESS_MIN_FILES)
    ProgressBar(1).advance()
    assert "1/1 files" in terminal.getvalue()


def run_on_pty(project: Path, plugin_path: str, args: List[str], stream: str) -> str:
    """Run the console script with ``stream`` (stdout or stderr) on a pseudo-terminal."""
    executable = os.path.join(os.path.dirname(sys.executable), "codemod")
    command = [executable] if os.path.exists(executable) else [sys.executable, "-m", "codemods"]
    env = dict(os.environ, PYTHONPATH=plugin_path)
    for name in ("FORCE_COLOR", "NO_COLOR"):
        env.pop(name, None)
    master, slave = pty.openpty()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: slave}
    process = subprocess.Popen(command + args + ["--no-cache"], cwd=str(project), env=env,
                               stdin=subprocess.DEVNULL, **streams)
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
    process.communicate(timeout=300)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def many_files(project: Path) -> List[str]:
    names = []
    for number in range(PROGRESS_MIN_FILES + 10):
        (project / f"m{number:03}.py").write_text(f"value_{number} = {number}\n")
        names.append(f"m{number:03}.py")
    return names


def test_progress_bar_on_a_terminal_for_a_long_run(project: Path, plugin_path: str, many_files: List[str]) -> None:
    total = len(many_files)
    output = run_on_pty(project, plugin_path, ["check", "-j", "1", "."], stream="stderr")
    assert f"] {total}/{total} files" in output
    # cleared before the summary line, which stays readable
    assert re.search(rf"\r +\r0 files would change of {total}; ", output), output


def test_no_progress_bar_for_a_short_run(project: Path, plugin_path: str, many_files: List[str]) -> None:
    short = many_files[:PROGRESS_MIN_FILES - 1]
    output = run_on_pty(project, plugin_path, ["check", "-j", "1", *short], stream="stderr")
    assert "\r" not in output.replace("\r\n", "\n") and "/" not in output
    assert output.startswith(f"0 files would change of {len(short)}; ")


def test_no_progress_bar_when_stderr_is_not_a_terminal(project: Path, plugin_path: str, many_files: List[str]) -> None:
    result = cli(project, plugin_path, "check", "-j", "1", ".")
    assert result.returncode == 0
    assert "\r" not in result.stderr and "/" not in result.stderr
    assert result.stderr.startswith(f"0 files would change of {len(many_files)}; ")


def test_sarif_for_a_file_name_that_is_not_utf8(project: Path, plugin_path: str, sarif_validator) -> None:
    name = os.fsdecode(b"caf\xe9.py")  # latin-1 bytes on disk: a surrogate escape in Python
    with open(os.path.join(os.fsencode(str(project)), b"caf\xe9.py"), "wb") as handle:
        handle.write(b"def f():\n    x = g()\n    return 2\n")
    (project / "broken.py").write_text("def (:\n")
    result = cli(project, plugin_path, "check", "--select", "unused-variables", "--output-format", "sarif",
                 name, "broken.py")
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr
    document = json.loads(result.stdout)
    assert_valid_sarif(sarif_validator, document)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]]
    assert uris == ["caf%E9.py"]
