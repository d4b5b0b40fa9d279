import typing


def build(size: typing.Any) -> typing.Any:
    return typing.Dict
