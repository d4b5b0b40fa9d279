class Service:
    """Service.

    :param host: TODO: describe.
    """

    def __init__(self, host):
        self.host = host

    def __eq__(self, other):
        """Compare the service for equality.

        :param other: TODO: describe.
        :returns: TODO: describe.
        """
        return self.host == other.host

    def _connect(self, retries):
        """Connect.

        :param retries: TODO: describe.
        :returns: TODO: describe.
        """
        return retries


def _internal(value):
    """Return internal.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """

    def nested(inner):
        """Return nested.

        :param inner: TODO: describe.
        :returns: TODO: describe.
        """
        return inner
    return nested(value)


def public(value):
    """Return public.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """

    class Local:
        """Local."""

        def method(self):
            """Return method.

            :returns: TODO: describe.
            """
            return value
    return Local
