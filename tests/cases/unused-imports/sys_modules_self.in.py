import sys
from json import dumps


def get(name):
    return getattr(sys.modules[__name__], name)
