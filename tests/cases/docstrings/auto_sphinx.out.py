"""Module in Sphinx style.

:var LIMIT: the limit.
"""

LIMIT = 3


def undocumented(first, second):
    """Return undocumented.

    :param first: TODO: describe.
    :param second: TODO: describe.
    :returns: TODO: describe.
    """
    return first + second
