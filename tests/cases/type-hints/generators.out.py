import asyncio
from typing import Any, AsyncGenerator, AsyncIterator, Generator, Iterator


def numbers() -> Iterator[int]:
    yield 1
    yield 2


def ticks(n: Any) -> Iterator[None]:
    for _ in range(n):
        yield


def echo() -> Generator[Any, Any, None]:
    received = yield "ready"
    while received:
        received = yield received


def counted(items: Any) -> Generator[Any, None, int]:
    for item in items:
        yield item
    return 3


def delegated(items: Any) -> Iterator[Any]:
    yield from items


async def fetch(delay: float = 0.1) -> int:
    await asyncio.sleep(delay)
    return 200


async def wait(delay: float = 0.0) -> None:
    await asyncio.sleep(delay)


async def stream(n: Any) -> AsyncIterator[str]:
    for i in range(n):
        yield "chunk"
        await asyncio.sleep(0)


async def conversation() -> AsyncGenerator[int, Any]:
    reply = yield 1
    print(reply)
