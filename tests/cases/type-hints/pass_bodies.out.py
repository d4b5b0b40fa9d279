"""A function that only passes returns None; a method may be overridden."""

from typing import Any


def noop() -> None:
    pass


def documented(value: Any) -> None:
    """Nothing to do yet."""


def both() -> None:
    """Nothing either."""
    pass


def to_write() -> Any:
    ...


def not_yet() -> Any:
    raise NotImplementedError


def outer() -> Any:
    def inner() -> None:
        pass

    return inner


class Plugin:
    def hook(self) -> Any:
        pass

    def documented_hook(self) -> Any:
        """Subclasses override me."""
