# String (forward) annotations are read as the types they name.

from typing import AsyncIterator, Iterator


async def stream(n: int) -> "AsyncIterator[int]":
    yield n


def nothing(n) -> "None":
    print(n)


def gen() -> "Iterator[str]":
    yield "a"
