"""Helpers of helpers."""

import functools

SECTION = "public constant"

# parsing helpers


def _unused_helper(value):
    # only the other unused helper calls this
    return _helper_of_unused(value) + 1


def _helper_of_unused(value):
    return value * 2


def _recursive(n):
    return _recursive(n - 1) if n else 0


def _used(value):
    return value


def api(value):
    return _used(value)


_CONSTANT = 3
_TABLE = {"a": (1, 2), "b": -1}
_COMPUTED = functools.reduce(max, [1, 2])
