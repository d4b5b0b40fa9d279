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
