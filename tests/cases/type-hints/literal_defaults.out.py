from typing import Any


def connect(
    host: str = "localhost",
    port: int = 8080,
    timeout: float = -0.5,
    retries: int = -1,
    offset: int = +2,
    verbose: bool = False,
) -> Any:
    return (host, port, timeout, retries, offset, verbose)


def encode(
    prefix: bytes = b"\x00",
    sep: str = "-" "-",
    template: str = f"{__name__}",
    scale: complex = 1j,
) -> Any:
    return (prefix, sep, template, scale)


def maybe(limit: Any = None, names: Any = (), options: Any = {}) -> Any:
    return (limit, names, options)


def rebound(count: Any = 0) -> Any:
    count = count / 2
    return count


def keyword_only(*, step: int = 1, ratio: float = 0.25) -> Any:
    return step * ratio


def positional_only(a: int = 1, /, b: str = "x") -> Any:
    return a, b
