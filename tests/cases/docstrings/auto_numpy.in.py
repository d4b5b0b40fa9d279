def documented(value):
    """Return the value.

    Parameters
    ----------
    value : int
        The value.
    """
    return value


def undocumented(first, second):
    return first + second
