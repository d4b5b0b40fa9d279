def undocumented():
    return 1


def f():
    """Do.

    Args:
        gone: old.
    """


def g():
    """Do.

    Args:
        gone: old.

    Returns:
        int: x.
    """
    return 1


def h():
    """Do.

    Parameters
    ----------
    gone : int
        Old.

    Returns
    -------
    int
        x.
    """
    return 1
