def windows(path: str) -> str:
    """Return windows.

    Args:
        path (str): TODO: describe.

    Returns:
        str: TODO: describe.
    """
    return path


class Crlf:
    """Crlf.

    Args:
        value: TODO: describe.
    """

    def __init__(self, value):
        self.value = value
