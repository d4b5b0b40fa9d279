def undocumented(first, second):
    """Only a summary: no style to follow."""
    return first + second


def another(first):
    """Return another.

    Args:
        first: TODO: describe.

    Returns:
        TODO: describe.
    """
    return first
