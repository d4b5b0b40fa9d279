import os
import typing as t


def build(size=None):
    return os.sep * size
