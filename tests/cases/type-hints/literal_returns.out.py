from typing import Any, Optional


def answer() -> int:
    return 42


def ratio(flag: Any) -> float:
    if flag:
        return 1
    return 0.5


def find(items: Any, key: Any) -> Optional[str]:
    for item in items:
        if item == key:
            return "found"
    return None


def first_positive(items: Any) -> Any:
    for item in items:
        if item > 0:
            return 1


def describe(value: Any) -> str:
    return "value: %s" % (value,)


def joined(parts: Any) -> str:
    return ", ".join(parts)


def negated(value: Any) -> bool:
    return not value


def member(value: Any, pool: Any) -> bool:
    return value in pool


def size(items: Any) -> int:
    return len(items)


def mixed(flag: Any) -> Any:
    if flag:
        return "yes"
    return 0


def computed(a: Any, b: Any) -> Any:
    return a + b


def greeting(name: Any) -> str:
    return f"hello {name}"


def raw() -> bytes:
    return b"\x00" b"\x01"


def shadowed_len(items: Any) -> Any:
    len = 3
    return len
