from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from _typeshed import Incomplete


def total(items: Sequence[int], start: int = 0) -> Incomplete:
    return sum(items, start)


def load(path: Incomplete) -> Incomplete:
    return open(path).read()
