import asyncio


def numbers():
    yield 1
    yield 2


def ticks(n):
    for _ in range(n):
        yield


def echo():
    received = yield "ready"
    while received:
        received = yield received


def counted(items):
    for item in items:
        yield item
    return 3


def delegated(items):
    yield from items


async def fetch(delay=0.1):
    await asyncio.sleep(delay)
    return 200


async def wait(delay=0.0):
    await asyncio.sleep(delay)


async def stream(n):
    for i in range(n):
        yield "chunk"
        await asyncio.sleep(0)


async def conversation():
    reply = yield 1
    print(reply)
