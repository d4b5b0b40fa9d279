"""Classes, methods and properties."""

import abc
import functools


class ConsumerRegistry(abc.ABC):
    """Consumer registry."""

    # the registry of consumers

    def __init__(self, name: str, *, capacity: int = 10) -> None:
        """Initialize the consumer registry.

        :param name: TODO: describe.
        :type name: str
        :param capacity: TODO: describe.
        :type capacity: int
        :raises ValueError: TODO: describe.
        """
        if capacity < 0:
            raise ValueError(capacity)
        self.name = name
        self._capacity = capacity

    @property
    def capacity(self) -> int:
        """Capacity.

        :returns: TODO: describe.
        :rtype: int
        """
        return self._capacity

    @capacity.setter
    def capacity(self, value: int) -> None:
        self._capacity = value

    @functools.cached_property
    def label(self):
        """Label.

        :returns: TODO: describe.
        """
        return self.name.title()

    @abc.abstractmethod
    def load(self, key: str) -> bytes:
        """Load.

        :param key: TODO: describe.
        :type key: str
        :returns: TODO: describe.
        :rtype: bytes
        :raises NotImplementedError: TODO: describe.
        """
        raise NotImplementedError

    @abc.abstractmethod
    def store(self, key: str, data: bytes) -> None:
        """Store.

        :param key: TODO: describe.
        :type key: str
        :param data: TODO: describe.
        :type data: bytes
        """
        ...

    @staticmethod
    def normalize(key):
        """Normalize.

        :param key: TODO: describe.
        :returns: TODO: describe.
        """
        return key.lower()

    @classmethod
    def from_config(cls, config: dict) -> "ConsumerRegistry":
        """Return from config.

        :param config: TODO: describe.
        :type config: dict
        :returns: TODO: describe.
        :rtype: ConsumerRegistry
        """
        return cls(config["name"])

    def __call__(self, key):
        """Call the consumer registry.

        :param key: TODO: describe.
        :returns: TODO: describe.
        """
        return self.load(key)

    def __repr__(self):
        return f"ConsumerRegistry({self.name!r})"

    def _evict(self, key):
        pass

    class Entry:
        """Entry."""

        def __init__(self, key, /, value=None):
            """Initialize the entry.

            :param key: TODO: describe.
            :param value: TODO: describe.
            """
            self.key = key

        class Meta:
            """Meta."""

            ordering = ("key",)

            def describe(self):
                """Describe.

                :returns: TODO: describe.
                """
                return self.ordering


class HTTPError(Exception):
    """HTTP error."""

    pass


class Plain:
    """Plain."""

    size = 3


class _Hidden:
    def visible_name(self):
        pass
