import typing

if typing.TYPE_CHECKING:
    pass


def size(path):
    return len(str(path))
