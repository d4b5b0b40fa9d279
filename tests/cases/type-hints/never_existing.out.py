from typing import Any


def partly(x: int, y: int = 2, *args: str, **kwargs: Any) -> int:
    return x + y


def returns_only(a: Any, b: Any) -> str:
    return str(a) + str(b)


def commented(a, b):
    # type: (int, int) -> int
    return a + b


def per_argument(
    a,  # type: int
    b,  # type: str
):
    # type: (...) -> str
    return b * a


square = lambda x: x * x


def fully(a: Any, b: int = 1) -> Any:
    return a
