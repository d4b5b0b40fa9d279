import typing

if typing.TYPE_CHECKING:
    import os


def size(path):
    return len(str(path))
