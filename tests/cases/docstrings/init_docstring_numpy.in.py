"""Classes, methods and properties."""

import abc
import functools


class ConsumerRegistry(abc.ABC):
    # the registry of consumers

    def __init__(self, name: str, *, capacity: int = 10) -> None:
        if capacity < 0:
            raise ValueError(capacity)
        self.name = name
        self._capacity = capacity

    @property
    def capacity(self) -> int:
        return self._capacity

    @capacity.setter
    def capacity(self, value: int) -> None:
        self._capacity = value

    @functools.cached_property
    def label(self):
        return self.name.title()

    @abc.abstractmethod
    def load(self, key: str) -> bytes:
        raise NotImplementedError

    @abc.abstractmethod
    def store(self, key: str, data: bytes) -> None:
        ...

    @staticmethod
    def normalize(key):
        return key.lower()

    @classmethod
    def from_config(cls, config: dict) -> "ConsumerRegistry":
        return cls(config["name"])

    def __call__(self, key):
        return self.load(key)

    def __repr__(self):
        return f"ConsumerRegistry({self.name!r})"

    def _evict(self, key):
        pass

    class Entry:
        def __init__(self, key, /, value=None):
            self.key = key

        class Meta:
            ordering = ("key",)

            def describe(self):
                return self.ordering


class HTTPError(Exception): pass


class Plain:
    size = 3


class _Hidden:
    def visible_name(self):
        pass
