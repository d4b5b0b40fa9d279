from typing import Any

type Pair = tuple[int, int]


def first[T](items: list[T], default: int = 0) -> Any:
    return items[0] if items else default


class Box[T]:
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self, fallback: Any = None) -> Any:
        return self.item

    def size(self) -> int:
        return 1


def convert[T: (int, float)](value: T, scale: int = 2) -> T:
    return value
