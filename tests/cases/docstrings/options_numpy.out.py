class Service:
    """Service.

    Parameters
    ----------
    host
        TODO: describe.
    """

    def __init__(self, host):
        self.host = host

    def __eq__(self, other):
        """Compare the service for equality.

        Parameters
        ----------
        other
            TODO: describe.

        Returns
        -------
        TODO: describe.
        """
        return self.host == other.host

    def _connect(self, retries):
        """Connect.

        Parameters
        ----------
        retries
            TODO: describe.

        Returns
        -------
        TODO: describe.
        """
        return retries


def _internal(value):
    """Return internal.

    Parameters
    ----------
    value
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """

    def nested(inner):
        """Return nested.

        Parameters
        ----------
        inner
            TODO: describe.

        Returns
        -------
        TODO: describe.
        """
        return inner
    return nested(value)


def public(value):
    """Return public.

    Parameters
    ----------
    value
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """

    class Local:
        """Local."""

        def method(self):
            """Return method.

            Returns
            -------
            TODO: describe.
            """
            return value
    return Local
