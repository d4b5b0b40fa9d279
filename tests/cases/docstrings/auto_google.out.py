class Documented:
    """A documented class.

    Attributes:
        value: The value.
    """


def undocumented(first, second):
    """Return undocumented.

    Args:
        first: TODO: describe.
        second: TODO: describe.

    Returns:
        TODO: describe.
    """
    return first + second
