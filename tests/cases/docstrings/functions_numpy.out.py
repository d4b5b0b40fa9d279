"""Functions of every signature shape."""

import contextlib
from typing import AsyncIterator, Generator, Iterator, NoReturn, Optional, overload

import errors


def get_consumer_by_uuid(uuid: str, /, include_deleted: bool = False, *args: int, strict, **options: str) -> Optional[dict]:
    """Get consumer by uuid.

    Parameters
    ----------
    uuid : str
        TODO: describe.
    include_deleted : bool
        TODO: describe.
    *args : int
        TODO: describe.
    strict
        TODO: describe.
    **options : str
        TODO: describe.

    Returns
    -------
    Optional[dict]
        TODO: describe.
    """
    return None if strict else {}


def ignore_unused(_, value, *_rest):
    """Ignore unused.

    Parameters
    ----------
    value
        TODO: describe.
    *_rest
        TODO: describe.
    """
    print(value)


def record(event) -> None:
    """Record.

    Parameters
    ----------
    event
        TODO: describe.
    """
    print(event)


def log_only(message):
    """Log only.

    Parameters
    ----------
    message
        TODO: describe.
    """
    print(message)
    return


def explicit_none(message):
    """Run explicit none.

    Parameters
    ----------
    message
        TODO: describe.
    """
    return None


def fail(message) -> NoReturn:
    """Fail.

    Parameters
    ----------
    message
        TODO: describe.

    Raises
    ------
    SystemExit
        TODO: describe.
    """
    raise SystemExit(message)


def parse_port(text: "str") -> int:
    """Parse port.

    Parameters
    ----------
    text : str
        TODO: describe.

    Returns
    -------
    int
        TODO: describe.

    Raises
    ------
    ValueError
        TODO: describe.
    errors.PortError
        TODO: describe.
    """
    port = int(text)
    if port < 0:
        raise ValueError(text)
    if port > 65535:
        raise errors.PortError(port) from None
    return port


def convert(value):
    """Convert.

    Parameters
    ----------
    value
        TODO: describe.

    Returns
    -------
    TODO: describe.

    Raises
    ------
    TypeError
        TODO: describe.
    ValueError
        TODO: describe.
    """
    try:
        return float(value)
    except (TypeError, ValueError):
        raise


def lookup(table, key):
    """Look up.

    Parameters
    ----------
    table
        TODO: describe.
    key
        TODO: describe.

    Returns
    -------
    TODO: describe.

    Raises
    ------
    KeyError
        TODO: describe.
    """
    try:
        return table[key]
    except KeyError as missing:
        raise missing


def raises_only_inside_helper(value):
    """Raise only inside helper.

    Parameters
    ----------
    value
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """

    def helper():
        raise KeyError(value)
    return helper


def countdown(start: int) -> Iterator[int]:
    """Yield countdown.

    Parameters
    ----------
    start : int
        TODO: describe.

    Yields
    ------
    int
        TODO: describe.
    """
    while start:
        yield start
        start -= 1


def pairs(limit: int) -> Generator[tuple, None, None]:
    """Yield pairs.

    Parameters
    ----------
    limit : int
        TODO: describe.

    Yields
    ------
    tuple
        TODO: describe.
    """
    yield limit, limit


async def ticks(count: int) -> AsyncIterator[float]:
    """Yield ticks.

    Parameters
    ----------
    count : int
        TODO: describe.

    Yields
    ------
    float
        TODO: describe.
    """
    for tick in range(count):
        yield float(tick)


async def fetch(url: str, *, timeout: float = 1.0) -> bytes:
    """Fetch.

    Parameters
    ----------
    url : str
        TODO: describe.
    timeout : float
        TODO: describe.

    Returns
    -------
    bytes
        TODO: describe.
    """
    return url.encode()


def is_ready(job) -> bool:
    """Return whether it is ready.

    Parameters
    ----------
    job
        TODO: describe.

    Returns
    -------
    bool
        TODO: describe.
    """
    return bool(job)


def get_tags(names: "list[str]", mapping: "dict[str,int]") -> "list[str]":
    """Get tags.

    Parameters
    ----------
    names : list[str]
        TODO: describe.
    mapping : dict[str, int]
        TODO: describe.

    Returns
    -------
    list[str]
        TODO: describe.
    """
    return names


def square(x: int) -> int:
    """Return square.

    Parameters
    ----------
    x : int
        TODO: describe.

    Returns
    -------
    int
        TODO: describe.
    """
    return x * x  # one-liner


@overload
def first(items: list) -> object: ...
@overload
def first(items: str) -> str: ...
def first(items):
    """Return first.

    Parameters
    ----------
    items
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """
    return items[0]


def already(value):
    """Already documented; left alone."""
    return value


def _private_helper(value):
    return value


def outer(value):
    """Return outer.

    Parameters
    ----------
    value
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """

    def nested(other):
        return other
    return nested(value)


@contextlib.contextmanager
def temporary_setting(name):
    """Yield temporary setting.

    Parameters
    ----------
    name
        TODO: describe.

    Yields
    ------
    TODO: describe.
    """
    yield
