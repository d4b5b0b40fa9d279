"""Classes, methods and properties."""

import abc
import functools


class ConsumerRegistry(abc.ABC):
    """Consumer registry."""

    # the registry of consumers

    def __init__(self, name: str, *, capacity: int = 10) -> None:
        """Initialize the consumer registry.

        Args:
            name (str): TODO: describe.
            capacity (int): TODO: describe.

        Raises:
            ValueError: TODO: describe.
        """
        if capacity < 0:
            raise ValueError(capacity)
        self.name = name
        self._capacity = capacity

    @property
    def capacity(self) -> int:
        """Capacity.

        Returns:
            int: TODO: describe.
        """
        return self._capacity

    @capacity.setter
    def capacity(self, value: int) -> None:
        self._capacity = value

    @functools.cached_property
    def label(self):
        """Label.

        Returns:
            TODO: describe.
        """
        return self.name.title()

    @abc.abstractmethod
    def load(self, key: str) -> bytes:
        """Load.

        Args:
            key (str): TODO: describe.

        Returns:
            bytes: TODO: describe.

        Raises:
            NotImplementedError: TODO: describe.
        """
        raise NotImplementedError

    @abc.abstractmethod
    def store(self, key: str, data: bytes) -> None:
        """Store.

        Args:
            key (str): TODO: describe.
            data (bytes): TODO: describe.
        """
        ...

    @staticmethod
    def normalize(key):
        """Normalize.

        Args:
            key: TODO: describe.

        Returns:
            TODO: describe.
        """
        return key.lower()

    @classmethod
    def from_config(cls, config: dict) -> "ConsumerRegistry":
        """Return from config.

        Args:
            config (dict): TODO: describe.

        Returns:
            ConsumerRegistry: TODO: describe.
        """
        return cls(config["name"])

    def __call__(self, key):
        """Call the consumer registry.

        Args:
            key: TODO: describe.

        Returns:
            TODO: describe.
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

            Args:
                key: TODO: describe.
                value: TODO: describe.
            """
            self.key = key

        class Meta:
            """Meta."""

            ordering = ("key",)

            def describe(self):
                """Describe.

                Returns:
                    TODO: describe.
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
