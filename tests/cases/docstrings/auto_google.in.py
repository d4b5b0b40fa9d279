class Documented:
    """A documented class.

    Attributes:
        value: The value.
    """


def undocumented(first, second):
    return first + second
