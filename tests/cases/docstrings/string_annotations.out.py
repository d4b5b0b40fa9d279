# String (forward) annotations are read as the types they name.

from typing import AsyncIterator, Iterator


async def stream(n: int) -> "AsyncIterator[int]":
    """Yield stream.

    Args:
        n (int): TODO: describe.

    Yields:
        int: TODO: describe.
    """
    yield n


def nothing(n) -> "None":
    """Run nothing.

    Args:
        n: TODO: describe.
    """
    print(n)


def gen() -> "Iterator[str]":
    """Yield gen.

    Yields:
        str: TODO: describe.
    """
    yield "a"
