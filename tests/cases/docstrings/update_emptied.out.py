def undocumented():
    """Return undocumented.

    Returns:
        TODO: describe.
    """
    return 1


def f():
    """Do."""


def g():
    """Do.

    Returns:
        int: x.
    """
    return 1


def h():
    """Do.

    Returns
    -------
    int
        x.
    """
    return 1
