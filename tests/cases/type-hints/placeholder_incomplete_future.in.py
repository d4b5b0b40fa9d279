from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def total(items: Sequence[int], start=0):
    return sum(items, start)


def load(path):
    return open(path).read()
