"""Stub imports of every shape: dotted modules, from-imports, third-party."""
import collections.abc
import json
import os
from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


def f(
    a: collections.abc.Mapping[str, int],
    b: os.PathLike[str],
    c: PathLike[str],
    d: "np.ndarray",
) -> None:
    pass


class Config:
    def load(
        self, path: "str | os.PathLike[str]", strict: bool = True
    ) -> dict[str, int]:
        with open(path) as handle:
            return json.load(handle)

    def unknown(self, x: Any) -> Any:
        return x
