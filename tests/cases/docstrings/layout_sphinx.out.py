import functools


class Outer:
    """Outer."""

    class Middle:
        """Middle."""

        class Inner:
            """Inner."""

            def deep(self, value):
                """Return deep.

                :param value: TODO: describe.
                :returns: TODO: describe.
                """
                return value


def compact(a, b):
    """Return compact.

    :param a: TODO: describe.
    :param b: TODO: describe.
    :returns: TODO: describe.
    """
    return a + b  # add them


def compact_many(a):
    """Return compact many.

    :param a: TODO: describe.
    :returns: TODO: describe.
    """
    a += 1; return a


class Compact:
    """Compact."""

    x = 1


def with_blank_first(value):
    """Return with blank first.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """
    return value


def with_comment_first(value):
    """Return with comment first.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """
    # explain the first step
    return value


def with_header_comment(value):  # noqa: ANN001
    """Return with header comment.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """
    return value


@functools.lru_cache(maxsize=None)
# a comment between decorator and def
def decorated(value):
    """Return decorated.

    :param value: TODO: describe.
    :returns: TODO: describe.
    """
    return value
