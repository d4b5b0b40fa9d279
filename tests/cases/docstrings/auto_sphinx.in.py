"""Module in Sphinx style.

:var LIMIT: the limit.
"""

LIMIT = 3


def undocumented(first, second):
    return first + second
