from typing import Any


def partly(x: int, y=2, *args: str, **kwargs) -> int:
    return x + y


def returns_only(a, b) -> str:
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
