import os
import typing as t


def build(size: t.Any = None) -> t.Any:
    return os.sep * size
