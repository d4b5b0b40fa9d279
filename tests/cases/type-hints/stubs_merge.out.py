import os
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mylib.values import Value


def join(base: "str | PurePath", *parts: str) -> str:
    return os.path.join(base, *parts)


class Store:
    def __init__(self, root: str) -> None:
        self.root = root

    def get(self, key: str, default: "Value | None" = None) -> "Value | None":
        return self.cache().get(key, default)

    def cache(self) -> Mapping[str, Any]:
        return {}


def untyped_in_stub(x: Any) -> Any:
    return x
