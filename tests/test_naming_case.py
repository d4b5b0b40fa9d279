"""Case conversion and what counts as a candidate (codemods.transforms.naming.case)."""

from __future__ import annotations

import pytest

from codemods.transforms.naming.case import PEP8, proposed_name, to_camel, to_capwords, to_snake


@pytest.mark.parametrize("name,expected", [
    ("parseURL", "parse_url"), ("getHTTPResponse", "get_http_response"), ("myVar2", "my_var2"),
    ("x2Y", "x2_y"), ("sha256Hash", "sha256_hash"), ("_fooBar", "_foo_bar"), ("__fooBar", "__foo_bar"),
    ("classVar_", "class_var_"), ("loadJSONData", "load_json_data"), ("xMin", "x_min"),
])
def test_to_snake(name: str, expected: str) -> None:
    assert to_snake(name) == expected


@pytest.mark.parametrize("name,expected", [
    ("my_class", "MyClass"), ("_private_thing", "_PrivateThing"), ("HTTP_Server", "HTTPServer"), ("myClass", "MyClass"),
])
def test_to_capwords(name: str, expected: str) -> None:
    assert to_capwords(name) == expected


def test_to_camel() -> None:
    assert [to_camel(n) for n in ("foo_bar", "url_parser", "_x_y")] == ["fooBar", "urlParser", "_xY"]


@pytest.mark.parametrize("name,kind", [
    ("HTTPServer", "class"), ("MAX_SIZE", "variable"), ("N", "variable"), ("__fooBar__", "function"),
    ("Model", "variable"), ("snake_case", "function"), ("XMLParser", "class"), ("Factory", "function"),
])
def test_left_alone(name: str, kind: str) -> None:
    assert proposed_name(name, kind, PEP8) is None
