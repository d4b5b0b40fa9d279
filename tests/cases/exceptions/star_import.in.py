from .compat import *


def run(g):
    try:
        g()
    except (TimeoutError, OSError):
        pass
    except (KeyError, KeyError):
        pass


try:
    run(print)
except (ValueError, ValueError):
    raise RuntimeError("cannot run")


def chained(text):
    try:
        return int(text)
    except ValueError:
        raise ParseError(text)
    except TypeError as err:
        raise err.with_traceback(None)
