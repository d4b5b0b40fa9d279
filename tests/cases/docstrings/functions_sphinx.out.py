"""Functions of every signature shape."""

import contextlib
from typing import AsyncIterator, Generator, Iterator, NoReturn, Optional, overload

import errors


def get_consumer_by_uuid(uuid: str, /, include_deleted: bool = False, *args: int, strict, **options: str) -> Optional[dict]:
    """Get consumer by uuid.

    :param uuid: TODO: describe.
    :type uuid: str
    :param include_deleted: TODO: describe.
    :type include_deleted: bool
    :param *args: TODO: describe.
    :type *args: int
    :param strict: TODO: describe.
    :param **options: TODO: describe.
    :type **options: str
    :returns: TODO: describe.
    :rtype: Optional[dict]
    """
    return None if strict else {}


def ignore_unused(_, value, *_rest):
    """Ignore unused.

    :param value: TODO: describe.
    :param *_rest: TODO: describe.
    """
    print(value)


def record(event) -> None:
    """Record.

    :param event: TODO: describe.
    """
    print(event)


def log_only(message):
    """Log only.

    :param message: TODO: describe.
    """
    print(message)
    return


def explicit_none(message):
    """Run explicit none.

    :param message: TODO: describe.
    """
    return None


def fail(message) -> NoReturn:
    """Fail.

    :param message: TODO: describe.
    :raises SystemExit: TODO: describe.
    """
    raise SystemExit(message)


def parse_port(text: "str") -> int:
    """Parse port.

    :param text: TODO: describe.
    :type text: str
    :returns: TODO: describe.
    :rtype: int
    :raises ValueError: TODO: describe.
    :raises errors.PortError: TODO: describe.
    """
    port = int(text)
    if port < 0:
        raise ValueError(text)
    if port > 65535:
        raise errors.PortError(port) from None
    return port


def convert(value):
    """Convert.

    :param value: TODO: describe.
    :returns: TODO: describe.
    :raises TypeError: TODO: describe.
    :raises ValueError: TODO: describe.
    """
    try:
        return float(value)
    except (TypeError, ValueError):
        raise


def lookup(table, key):
    """Look up.

    :param table: TODO: describe.
    :param key: TODO: describe.
    :returns: TODO: describe.
    :raises KeyError: TODO: describe.
    """
    try:
        return table[key]
    except KeyError as missing:
        raise missing


def raises_only_inside_helper(value):
    """Raise only inside helper.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """

    def helper():
        raise KeyError(value)
    return helper


def countdown(start: int) -> Iterator[int]:
    """Yield countdown.

    :param start: TODO: describe.
    :type start: int
    :yields: TODO: describe.
    :ytype: int
    """
    while start:
        yield start
        start -= 1


def pairs(limit: int) -> Generator[tuple, None, None]:
    """Yield pairs.

    :param limit: TODO: describe.
    :type limit: int
    :yields: TODO: describe.
    :ytype: tuple
    """
    yield limit, limit


async def ticks(count: int) -> AsyncIterator[float]:
    """Yield ticks.

    :param count: TODO: describe.
    :type count: int
    :yields: TODO: describe.
    :ytype: float
    """
    for tick in range(count):
        yield float(tick)


async def fetch(url: str, *, timeout: float = 1.0) -> bytes:
    """Fetch.

    :param url: TODO: describe.
    :type url: str
    :param timeout: TODO: describe.
    :type timeout: float
    :returns: TODO: describe.
    :rtype: bytes
    """
    return url.encode()


def is_ready(job) -> bool:
    """Return whether it is ready.

    :param job: TODO: describe.
    :returns: TODO: describe.
    :rtype: bool
    """
    return bool(job)


def get_tags(names: "list[str]", mapping: "dict[str,int]") -> "list[str]":
    """Get tags.

    :param names: TODO: describe.
    :type names: list[str]
    :param mapping: TODO: describe.
    :type mapping: dict[str, int]
    :returns: TODO: describe.
    :rtype: list[str]
    """
    return names


def square(x: int) -> int:
    """Return square.

    :param x: TODO: describe.
    :type x: int
    :returns: TODO: describe.
    :rtype: int
    """
    return x * x  # one-liner


@overload
def first(items: list) -> object: ...
@overload
def first(items: str) -> str: ...
def first(items):
    """Return first.

    :param items: TODO: describe.
    :returns: TODO: describe.
    """
    return items[0]


def already(value):
    """Already documented; left alone."""
    return value


def _private_helper(value):
    return value


def outer(value):
    """Return outer.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """

    def nested(other):
        return other
    return nested(value)


@contextlib.contextmanager
def temporary_setting(name):
    """Yield temporary setting.

    :param name: TODO: describe.
    :yields: TODO: describe.
    """
    yield
