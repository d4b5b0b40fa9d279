# Stub TypeVars are defined for type checkers when every slot that uses one takes
# the stub's annotation, and never for methods of a class generic over them.


from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    import typing as t
    from typing import Hashable, TypeVar
    _T = TypeVar("_T")
    _H = TypeVar("_H", bound=Hashable)
    _U = t.TypeVar("_U", int, str)


def first(items: "Iterable[_T]", default: "_T") -> "_T":
    for item in items:
        return item
    return default


def unique(items: "Iterable[_H]") -> "list[_H]":
    return list(set(items))


def pick(x: "_U") -> "_U":
    return x


def quoted(x: Any) -> Any:
    return x


def partial(x: int, y: int) -> Any:
    return x


class Box:
    def get(self) -> None:
        return None

    def map(self, f: Any) -> Any:
        return f(None)


class Plain:
    def same(self, x: "_T") -> "_T":
        return x
