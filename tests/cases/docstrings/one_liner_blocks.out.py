class Devnull:
    """Devnull."""

    def write(self, msg):
        """Write.

        Args:
            msg: TODO: describe.
        """
        pass

    def flush(self):
        """Flush."""
        pass


def first(x):
    """Return first.

    Args:
        x: TODO: describe.

    Returns:
        TODO: describe.
    """
    return x


def second(y):
    """Return second.

    Args:
        y: TODO: describe.

    Returns:
        TODO: describe.
    """
    return y


VALUE = second(first(1))
