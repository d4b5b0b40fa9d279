import functools


@functools.singledispatch
def describe(value):
    return "something"


@describe.register
def _(value: int):
    return "an int"


@describe.register(str)
def _(value, suffix="!"):
    return "a str" + suffix


class Formatter:
    @functools.singledispatchmethod
    def format(self, arg):
        return "default"

    @format.register
    def _(self, arg: float):
        return "float"


RESULTS = (describe(1), describe("x"), describe(1.5), Formatter().format(2.0), Formatter().format(1))
