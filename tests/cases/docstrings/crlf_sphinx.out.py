def windows(path: str) -> str:
    """Return windows.

    :param path: TODO: describe.
    :type path: str
    :returns: TODO: describe.
    :rtype: str
    """
    return path


class Crlf:
    """Crlf.

    :param value: TODO: describe.
    """

    def __init__(self, value):
        self.value = value
