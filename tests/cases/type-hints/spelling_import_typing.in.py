import typing


def build(size):
    return typing.Dict
