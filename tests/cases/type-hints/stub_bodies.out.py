import abc
from typing import Any, Protocol, overload


class Reader(Protocol):
    def read(self, size: int = -1) -> Any:
        ...

    def close(self) -> Any:
        pass

    def __len__(self) -> int:
        ...


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self, job: Any) -> Any:
        pass

    def hook(self) -> Any:
        """Called after each run; override me."""

    def step(self) -> Any:
        raise NotImplementedError

    def other(self) -> Any:
        raise NotImplementedError("subclasses do this")


@overload
def parse(value: int) -> int: ...
@overload
def parse(value: str) -> str: ...
def parse(value: Any) -> Any:
    return value


def placeholder() -> Any:
    ...
