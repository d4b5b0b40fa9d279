class Service:
    """Service.

    Args:
        host: TODO: describe.
    """

    def __init__(self, host):
        self.host = host

    def __eq__(self, other):
        """Compare the service for equality.

        Args:
            other: TODO: describe.

        Returns:
            TODO: describe.
        """
        return self.host == other.host

    def _connect(self, retries):
        """Connect.

        Args:
            retries: TODO: describe.

        Returns:
            TODO: describe.
        """
        return retries


def _internal(value):
    """Return internal.

    Args:
        value: TODO: describe.

    Returns:
        TODO: describe.
    """

    def nested(inner):
        """Return nested.

        Args:
            inner: TODO: describe.

        Returns:
            TODO: describe.
        """
        return inner
    return nested(value)


def public(value):
    """Return public.

    Args:
        value: TODO: describe.

    Returns:
        TODO: describe.
    """

    class Local:
        """Local."""

        def method(self):
            """Return method.

            Returns:
                TODO: describe.
            """
            return value
    return Local
