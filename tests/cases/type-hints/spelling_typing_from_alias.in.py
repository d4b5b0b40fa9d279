from typing import Any as A, Iterator as It, Optional as Opt


def identity(value):
    return value


def count():
    yield 1


def lookup(key: A, fallback=None) -> A:
    """Look up a key.

    :type fallback: int
    """
    return fallback
