import functools


class Outer:
    class Middle:
        class Inner:
            def deep(self, value):
                return value


def compact(a, b): return a + b  # add them


def compact_many(a): a += 1; return a


class Compact: x = 1


def with_blank_first(value):

    return value


def with_comment_first(value):

    # explain the first step
    return value


def with_header_comment(value):  # noqa: ANN001
    return value


@functools.lru_cache(maxsize=None)
# a comment between decorator and def
def decorated(value):
    return value
