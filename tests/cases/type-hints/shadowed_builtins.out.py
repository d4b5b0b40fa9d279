# A returned call is typed from the builtin only where the name means the builtin
# inside the body; a parameter or local of that name is something else.


from typing import Any


def measure(len: Any = len) -> Any:
    return len([])


def convert(str: Any = None) -> Any:
    return str(1) if str else ""


def check() -> Any:
    isinstance = lambda value, kind: 1
    return isinstance(1, int)


def counted(items: Any) -> int:
    return len(items)


class Units:
    # `int` in an annotation of a method means this attribute, not the builtin
    int = "unit"

    def sizes(self) -> Any:
        yield 1

    def size(self) -> Any:
        return 1
