def windows(path: str) -> str:
    """Return windows.

    Parameters
    ----------
    path : str
        TODO: describe.

    Returns
    -------
    str
        TODO: describe.
    """
    return path


class Crlf:
    """Crlf.

    Parameters
    ----------
    value
        TODO: describe.
    """

    def __init__(self, value):
        self.value = value
