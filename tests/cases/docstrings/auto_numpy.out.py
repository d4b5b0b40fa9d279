def documented(value):
    """Return the value.

    Parameters
    ----------
    value : int
        The value.
    """
    return value


def undocumented(first, second):
    """Return undocumented.

    Parameters
    ----------
    first
        TODO: describe.
    second
        TODO: describe.

    Returns
    -------
    TODO: describe.
    """
    return first + second
