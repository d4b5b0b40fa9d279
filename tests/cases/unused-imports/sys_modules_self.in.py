import sys


def get(name):
    return getattr(sys.modules[__name__], name)
