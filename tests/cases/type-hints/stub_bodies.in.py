import abc
from typing import Protocol, overload


class Reader(Protocol):
    def read(self, size=-1):
        ...

    def close(self):
        pass

    def __len__(self):
        ...


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self, job):
        pass

    def hook(self):
        """Called after each run; override me."""

    def step(self):
        raise NotImplementedError

    def other(self):
        raise NotImplementedError("subclasses do this")


@overload
def parse(value: int) -> int: ...
@overload
def parse(value: str) -> str: ...
def parse(value):
    return value


def placeholder():
    ...
