"""``rename`` on single files (the module is ``example``): what resolves to OLD
changes, what merely shares its spelling does not."""

from __future__ import annotations

import textwrap

import pytest

from codemods.transforms.rename.plan import RenameError, build_rename_plan
from tests.helpers import rewrite, run_codemod


def renamed(source: str, old: str, new: str) -> str:
    return rewrite("rename", textwrap.dedent(source), options={"old": old, "new": new})


def test_definition_and_its_uses_but_not_a_shadowing_local() -> None:
    source = """\
        def fetchData(url):
            return url


        def caller(fetchData=None):
            return fetchData


        def other():
            return fetchData("x"), f"{fetchData.__name__}"


        __all__ = ["fetchData"]
        """
    assert renamed(source, "example.fetchData", "fetch_data") == textwrap.dedent("""\
        def fetch_data(url):
            return url


        def caller(fetchData=None):
            return fetchData


        def other():
            return fetch_data("x"), f"{fetch_data.__name__}"


        __all__ = ["fetch_data"]
        """)


def test_attribute_of_another_object_is_left_alone() -> None:
    source = """\
        import json


        def loads(text):
            return json.loads(text)
        """
    assert renamed(source, "example.loads", "parse") == textwrap.dedent("""\
        import json


        def parse(text):
            return json.loads(text)
        """)


def test_callers_of_an_outside_api_are_migrated() -> None:
    source = """\
        from oldlib.client import fetchAll
        import oldlib.client as c


        def go():
            return fetchAll(), c.fetchAll(), c.fetchOne()
        """
    assert renamed(source, "oldlib.client.fetchAll", "fetch_all") == textwrap.dedent("""\
        from oldlib.client import fetch_all
        import oldlib.client as c


        def go():
            return fetch_all(), c.fetch_all(), c.fetchOne()
        """)


def test_method_in_class_and_self_calls() -> None:
    source = """\
        class Store:
            def getItem(self, key):
                return key

            def twice(self, key):
                return self.getItem(key) * 2


        value = Store().getItem(1), Store.getItem(Store(), 2)
        """
    assert renamed(source, "example.Store.getItem", "get_item") == textwrap.dedent("""\
        class Store:
            def get_item(self, key):
                return key

            def twice(self, key):
                return self.get_item(key) * 2


        value = Store().get_item(1), Store.get_item(Store(), 2)
        """)


def test_refuses_a_name_that_exists() -> None:
    source = "def a():\n    return 1\n\n\ndef b():\n    return a()\n"
    result = run_codemod("rename", source, options={"old": "example.a", "new": "b"})
    assert result.new_text is None
    assert [f.message for f in result.findings] == ["cannot rename 'a' to 'b': name exists in example"]


@pytest.mark.parametrize("old,new", [("pkg.mod.f", "other.mod.f"), ("pkg.mod.f", "not a name"), ("", "x")])
def test_bad_arguments(old: str, new: str) -> None:
    with pytest.raises(RenameError):
        build_rename_plan([], {"old": old, "new": new})
