from .compat import *


def run(g):
    try:
        g()
    except (TimeoutError, OSError):
        pass
    except KeyError:
        pass


try:
    run(print)
except ValueError:
    raise RuntimeError("cannot run")


def chained(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ParseError(text) from exc
    except TypeError as err:
        raise err.with_traceback(None)
