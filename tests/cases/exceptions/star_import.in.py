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
