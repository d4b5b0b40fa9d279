def connect(host="localhost", port=8080, timeout=-0.5, retries=-1, offset=+2, verbose=False):
    return (host, port, timeout, retries, offset, verbose)


def encode(prefix=b"\x00", sep="-" "-", template=f"{__name__}", scale=1j):
    return (prefix, sep, template, scale)


def maybe(limit=None, names=(), options={}):
    return (limit, names, options)


def rebound(count=0):
    count = count / 2
    return count


def keyword_only(*, step=1, ratio=0.25):
    return step * ratio


def positional_only(a=1, /, b="x"):
    return a, b
