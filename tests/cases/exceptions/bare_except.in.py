import os


def cleanup_and_reraise(path, g):
    try:
        g()
    except:
        os.remove(path)
        raise


def swallowed(g):
    try:
        g()
    except:
        return None


def fallback(g):
    try:
        return g()
    except:
        return 0


def kept(g):
    try:
        return g()
    except:  # noqa: E722
        return 0
