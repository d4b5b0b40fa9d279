"""exceptions: the rewritten code is imported and run next to the original. Every
error is triggered: the same exceptions come out with the same messages and
contexts; the chained ones now have ``__cause__``; a ``raise err`` turned into a bare
``raise`` keeps the original traceback frames (only the re-raise line is gone);
reduced handler tuples catch exactly what they caught. The unsafe fixes change what
they say they change (KeyboardInterrupt passes a narrowed ``except:``; the log record
gains the traceback) and nothing else."""

from __future__ import annotations

import importlib.util
import logging
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Any, Callable, List, Tuple

import pytest

from codemods.engine.pipeline import process_source
from tests.helpers import rewrite, settings_for

MODULE = textwrap.dedent('''
    import json
    import logging
    import socket
    from socket import error as socket_error

    LOG = logging.getLogger("exceptions-behaviour")


    class ConfigError(Exception):
        pass


    def load(text):
        try:
            return json.loads(text)
        except ValueError:
            raise ConfigError("bad json: " + text)


    def lookup(table, key):
        try:
            return table[key]
        except KeyError as err:
            if key is None:
                raise LookupError("no key") from None
            raise LookupError("missing " + repr(key))


    def call(function):
        try:
            return function()
        except:
            raise RuntimeError("call failed")


    def reraise(function):
        try:
            return function()
        except OSError as err:
            LOG.error("io failed: %s", err)
            raise err


    def classify(make):
        try:
            raise make()
        except (IOError, EnvironmentError, socket.error, socket_error, KeyError):
            return "os-or-key"
        except (UnicodeDecodeError, ValueError, LookupError, ValueError):
            return "value-or-lookup"
        except (ArithmeticError, ZeroDivisionError, Exception):
            return "other"


    def cleanup(function, log):
        try:
            return function()
        except:
            log.append("cleanup")
            raise


    def swallow(function):
        try:
            return function()
        except:
            return "swallowed"
''')


def _load(source: str, name: str, folder: Path):
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def modules(tmp_path, request):
    unsafe = getattr(request, "param", False)
    after = rewrite("exceptions", MODULE, unsafe_fixes=unsafe)
    assert after != MODULE
    assert after.count("\n") == MODULE.count("\n")  # the same line numbers, for the frames
    name = request.node.name.replace("[", "_").replace("]", "").replace("-", "_")
    yield _load(MODULE, f"before_{name}", tmp_path), _load(after, f"after_{name}", tmp_path), after
    for key in [k for k in sys.modules if k.endswith(name)]:
        del sys.modules[key]


def _outcome(function: Callable[[], Any]) -> Tuple[Any, ...]:
    """What calling ``function`` does: its value, or the exception with its context."""
    try:
        return ("returned", function())
    except BaseException as error:  # noqa: BLE001 - the test compares every outcome
        context = error.__context__
        return ("raised", type(error).__name__, error.args,
                None if context is None else (type(context).__name__, context.args))


def _raised(function: Callable[[], Any]) -> BaseException:
    try:
        function()
    except BaseException as error:  # noqa: BLE001
        return error
    raise AssertionError("did not raise")


def _boom_os():
    raise FileNotFoundError(2, "no such file")


def _interrupt():
    raise KeyboardInterrupt


CLASSIFIED = [OSError, FileNotFoundError, ConnectionResetError, KeyError, IndexError, ValueError,
              lambda: UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), ZeroDivisionError, TypeError,
              RuntimeError, KeyboardInterrupt, SystemExit]


def test_the_rewrite_chains_reraises_and_reduces(modules):
    _, _, after = modules
    assert 'raise ConfigError("bad json: " + text) from exc' in after
    assert 'raise LookupError("missing " + repr(key)) from err' in after
    assert 'raise LookupError("no key") from None' in after
    assert "except BaseException as exc:\n        raise RuntimeError(\"call failed\") from exc" in after
    assert "        raise\n" in after and "raise err" not in after
    assert "except (OSError, KeyError):" in after
    assert "except (ValueError, LookupError):" in after
    assert "except Exception:" in after
    assert "except:\n        log.append" in after  # a cleanup that re-raises stays as it is
    assert "    except:\n        return \"swallowed\"" in after  # narrowing it is unsafe


def test_same_outcomes_and_now_a_cause(modules):
    before, after, _ = modules
    cases = [
        (lambda m: m.load("{}"), False), (lambda m: m.load("{"), True),
        (lambda m: m.lookup({"a": 1}, "a"), False), (lambda m: m.lookup({}, "b"), True),
        (lambda m: m.lookup({}, None), False),
        (lambda m: m.call(lambda: 3), False), (lambda m: m.call(lambda: 1 / 0), True),
        (lambda m: m.call(_interrupt), True),
    ]
    for case, chained in cases:
        assert _outcome(lambda: case(after)) == _outcome(lambda: case(before))
        if chained:
            old, new = _raised(lambda: case(before)), _raised(lambda: case(after))
            assert old.__cause__ is None and not old.__suppress_context__
            assert new.__cause__ is new.__context__ is not None
            assert type(new.__cause__) is type(old.__context__) and new.__cause__.args == old.__context__.args
            assert new.__suppress_context__
    # ``from None`` stays: the context is hidden in both
    assert _raised(lambda: after.lookup({}, None)).__suppress_context__


def test_chained_traceback_says_direct_cause(modules):
    _, after, _ = modules
    error = _raised(lambda: after.load("{"))
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    assert "direct cause of the following exception" in text
    assert "During handling of the above exception" not in text


def _frames(error: BaseException, path: str) -> List[Tuple[str, int]]:
    return [(f.name, f.lineno) for f in traceback.extract_tb(error.__traceback__) if f.filename == path]


def test_bare_raise_keeps_the_original_frames(modules):
    before, after, _ = modules
    old, new = _raised(lambda: before.reraise(_boom_os)), _raised(lambda: after.reraise(_boom_os))
    assert type(new) is type(old) is FileNotFoundError and new.args == old.args
    raise_line = next(n for n, line in enumerate(MODULE.splitlines(), 1) if line.strip() == "raise err")
    call_line = raise_line - 3
    old_frames, new_frames = _frames(old, before.__file__), _frames(new, after.__file__)
    assert old_frames == [("reraise", raise_line), ("reraise", call_line)]
    assert new_frames == [("reraise", call_line)]  # the same frames without the re-raise line
    # and the frames below (where the error really happened) are identical
    assert [f.name for f in traceback.extract_tb(new.__traceback__)][-1] == "_boom_os"
    assert [(f.name, f.lineno) for f in traceback.extract_tb(new.__traceback__) if f.name == "_boom_os"] == \
        [(f.name, f.lineno) for f in traceback.extract_tb(old.__traceback__) if f.name == "_boom_os"]


def test_reduced_tuples_catch_exactly_the_same(modules):
    before, after, _ = modules
    for make in CLASSIFIED:
        assert _outcome(lambda: after.classify(make)) == _outcome(lambda: before.classify(make)), make


def test_bare_except_that_reraises_still_runs_its_cleanup_on_interrupt(modules):
    before, after, _ = modules
    for module in (before, after):
        log: List[str] = []
        assert isinstance(_raised(lambda: module.cleanup(_interrupt, log)), KeyboardInterrupt)
        assert log == ["cleanup"]
    assert after.swallow(_interrupt) == before.swallow(_interrupt) == "swallowed"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.parametrize("modules", [True], indirect=True, ids=["unsafe"])
def test_unsafe_fixes_change_only_what_they_say(modules):
    before, after, text = modules
    assert 'LOG.exception("io failed: %s", err)' in text
    assert "    except Exception:\n        return \"swallowed\"" in text
    assert "except:\n        log.append" in text  # it re-raises: narrowing it would skip the cleanup
    # a bare except that swallowed KeyboardInterrupt now lets it through
    assert before.swallow(_interrupt) == "swallowed"
    assert isinstance(_raised(lambda: after.swallow(_interrupt)), KeyboardInterrupt)
    assert after.swallow(lambda: 1 / 0) == before.swallow(lambda: 1 / 0) == "swallowed"
    # the log line is the same, at the same level, and now carries the traceback
    handler = _Records()
    logger = logging.getLogger("exceptions-behaviour")
    logger.addHandler(handler)
    try:
        for module in (before, after):
            _raised(lambda: module.reraise(_boom_os))
    finally:
        logger.removeHandler(handler)
    old, new = handler.records
    assert (old.levelno, old.getMessage()) == (new.levelno, new.getMessage()) == (logging.ERROR, new.getMessage())
    assert old.exc_info is None
    assert new.exc_info is not None and new.exc_info[0] is FileNotFoundError


def test_the_name_only_the_re_raise_read_goes_with_it():
    source = ("def f(g):\n    try:\n        return g()\n    except OSError as err:\n        raise err\n")
    result = process_source(source.encode(), "m.py", settings_for(["exceptions"]))
    assert result.new_text == "def f(g):\n    try:\n        return g()\n    except OSError:\n        raise\n"
    kept = source.replace("        raise err\n", "        print(err)\n        raise err\n")
    assert "except OSError as err:\n        print(err)\n        raise\n" in rewrite("exceptions", kept)


def test_unused_imports_then_drops_an_import_only_an_alias_used():
    source = ("import socket\n\n\ndef f(g):\n    try:\n        return g()\n"
              "    except (socket.error, OSError):\n        return None\n")
    result = process_source(source.encode(), "m.py", settings_for(["exceptions", "unused-imports"]))
    assert result.new_text == "def f(g):\n    try:\n        return g()\n    except OSError:\n        return None\n"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="except* needs Python 3.11")
def test_except_star_chaining_keeps_the_group_structure(tmp_path):
    source = textwrap.dedent('''
        def run():
            try:
                raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
            except* ValueError:
                raise KeyError("k")
    ''')
    after = rewrite("exceptions", source)
    assert 'except* ValueError as exc:\n        raise KeyError("k") from exc' in after
    old, new = _raised(_load(source, "star_before", tmp_path).run), _raised(_load(after, "star_after", tmp_path).run)
    shape = lambda group: [(type(e).__name__, repr(e)) for e in group.exceptions]  # noqa: E731
    assert shape(new) == shape(old)
    old_key, new_key = old.exceptions[0], new.exceptions[0]
    assert repr(new_key.__context__) == repr(old_key.__context__) == "ExceptionGroup('g', [ValueError(1)])"
    assert old_key.__cause__ is None and new_key.__cause__ is new_key.__context__


def test_options_name_the_handler_and_recognise_receivers():
    source = "def f(d):\n    try:\n        d[1]\n    except KeyError:\n        raise ValueError()\n"
    assert "except KeyError as problem:\n        raise ValueError() from problem" in \
        rewrite("exceptions", source, options={"handler-names": "problem"})
    assert "except KeyError as failure:" in rewrite("exceptions", source, options={"handler-names": ["1x", "failure"]})
    assert rewrite("exceptions", source, options={"handler-names": []}) == source
    swallowed = "def f(store, key):\n    try:\n        store.purge(key)\n    except Exception:\n        pass\n"
    plain = run_codemod_findings(swallowed, {})
    assert plain == ["`except Exception` swallows every error (pass)"]
    marked = run_codemod_findings(swallowed, {"database-receivers": ["store"], "database-methods": ["purge"]})
    assert marked and marked[0].startswith("swallowed database error: `except Exception` around `store.purge(...)`")
    logged = "def f(g, audit):\n    try:\n        g()\n    except ValueError:\n        audit.error('x')\n"
    assert rewrite("exceptions", logged, unsafe_fixes=True) == logged
    assert "audit.exception('x')" in rewrite("exceptions", logged, unsafe_fixes=True,
                                             options={"logger-names": ["audit"]})


def run_codemod_findings(source, options):
    from tests.helpers import run_codemod

    return [f.message for f in run_codemod("exceptions", source, options).findings]
