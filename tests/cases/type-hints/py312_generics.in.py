type Pair = tuple[int, int]


def first[T](items: list[T], default=0):
    return items[0] if items else default


class Box[T]:
    def __init__(self, item: T):
        self.item = item

    def get(self, fallback=None):
        return self.item

    def size(self):
        return 1


def convert[T: (int, float)](value: T, scale=2) -> T:
    return value
