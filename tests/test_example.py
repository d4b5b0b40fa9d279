"""The bundled example: the default codemods rewrite it, and it behaves the same
against a real SQLite database (including an injection payload it used to obey)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli

sa = pytest.importorskip("sqlalchemy")
EXAMPLE = Path(REPO) / "examples" / "consumer_store.py"


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def exercise(module):
    engine = sa.create_engine("sqlite://")
    module.create_schema(engine)
    with engine.begin() as conn:
        first = module.create_consumer(conn, 1, 2, "11111111-aaaa")
        second = module.create_consumer(conn, 3, 4, "22222222-bbbb")
        results = [
            module.get_consumer_by_uuid(conn, first),
            module.create_incomplete_consumers(conn, batch_size=5),
            module.find_consumers(conn, 2, "aaaa"),
            module.find_consumers(conn, 4, "%"),
        ]
        module.increment_generation(conn, second)
        results.append(module.get_consumer_by_uuid(conn, second))
        try:
            results.append(module.get_consumer_by_uuid(conn, "x' OR '1'='1"))
        except LookupError as error:
            results.append(("LookupError", str(error)))
        results.append(module.delete_consumers_for_project(conn, 3))
        results.append(repr(module.consumer_record("u", 1, 2)))
    with engine.connect() as conn:
        results.append(_duplicate(module, conn)[0])
    return results


def _duplicate(module, conn):
    """Create a consumer that exists: the error's name, and the database error behind it."""
    try:
        module.create_consumer(conn, 1, 2, "11111111-aaaa")
    except module.ConsumerExists as error:
        return type(error).__name__, error.__cause__
    return None, None


def test_default_codemods_fix_the_example_without_changing_behaviour(tmp_path):
    copy = tmp_path / "consumer_store.py"
    shutil.copy(EXAMPLE, copy)
    before = exercise(load(copy, "example_before"))
    assert before[5] != ("LookupError", "x' OR '1'='1"), "the original is expected to be injectable"
    done = run_cli("apply", "--no-cache", str(copy), cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    rewritten = copy.read_text()
    assert rewritten != EXAMPLE.read_text()
    after = exercise(load(copy, "example_after"))
    assert after[:5] == before[:5]
    assert after[5] == ("LookupError", "x' OR '1'='1"), "the rewritten query must treat the payload as data"
    assert after[6:] == before[6:]
    again = run_cli("apply", "--no-cache", str(copy), cwd=str(tmp_path))
    assert again.returncode == 0 and copy.read_text() == rewritten


def test_check_on_the_example_shows_the_fixes():
    done = run_cli("check", "--no-cache", "examples/", cwd=REPO)
    assert done.returncode == 1, done.stderr
    assert b"examples/consumer_store.py" in done.stdout


def test_the_example_chains_the_duplicate_error_and_reports_the_swallowed_delete(tmp_path):
    copy = tmp_path / "consumer_store.py"
    shutil.copy(EXAMPLE, copy)
    done = run_cli("apply", "--no-cache", "--select", "exceptions", str(copy), cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert b"swallowed database error" in done.stdout + done.stderr
    module = load(copy, "example_exceptions")
    engine = sa.create_engine("sqlite://")
    module.create_schema(engine)
    with engine.begin() as conn:
        module.create_consumer(conn, 1, 2, "11111111-aaaa")
    with engine.connect() as conn:
        name, cause = _duplicate(module, conn)
    assert name == "ConsumerExists" and isinstance(cause, sa.exc.IntegrityError)
