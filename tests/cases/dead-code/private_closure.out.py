"""Helpers of helpers."""

import functools

SECTION = "public constant"

# parsing helpers


def _used(value):
    return value


def api(value):
    return _used(value)


_COMPUTED = functools.reduce(max, [1, 2])
