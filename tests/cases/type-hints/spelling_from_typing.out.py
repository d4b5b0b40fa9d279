"""A module that imports names from typing."""
from typing import Any, Dict, Iterator


def build(size: Any) -> Any:
    return Dict


def pairs(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
