"""Functions of every signature shape."""

import contextlib
from typing import AsyncIterator, Generator, Iterator, NoReturn, Optional, overload

import errors


def get_consumer_by_uuid(uuid: str, /, include_deleted: bool = False, *args: int, strict, **options: str) -> Optional[dict]:
    return None if strict else {}


def ignore_unused(_, value, *_rest):
    print(value)


def record(event) -> None:
    print(event)


def log_only(message):
    print(message)
    return


def explicit_none(message):
    return None


def fail(message) -> NoReturn:
    raise SystemExit(message)


def parse_port(text: "str") -> int:
    port = int(text)
    if port < 0:
        raise ValueError(text)
    if port > 65535:
        raise errors.PortError(port) from None
    return port


def convert(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise


def lookup(table, key):
    try:
        return table[key]
    except KeyError as missing:
        raise missing


def raises_only_inside_helper(value):
    def helper():
        raise KeyError(value)
    return helper


def countdown(start: int) -> Iterator[int]:
    while start:
        yield start
        start -= 1


def pairs(limit: int) -> Generator[tuple, None, None]:
    yield limit, limit


async def ticks(count: int) -> AsyncIterator[float]:
    for tick in range(count):
        yield float(tick)


async def fetch(url: str, *, timeout: float = 1.0) -> bytes:
    return url.encode()


def is_ready(job) -> bool:
    return bool(job)


def get_tags(names: "list[str]", mapping: "dict[str,int]") -> "list[str]":
    return names


def square(x: int) -> int: return x * x  # one-liner


@overload
def first(items: list) -> object: ...
@overload
def first(items: str) -> str: ...
def first(items):
    return items[0]


def already(value):
    """Already documented; left alone."""
    return value


def _private_helper(value):
    return value


def outer(value):
    def nested(other):
        return other
    return nested(value)


@contextlib.contextmanager
def temporary_setting(name):
    yield
