import os


def build(size=None):
    return os.sep * size
