# like test_inspect's fodder: another module reads these frames' locals and line
# numbers, so no line of this module may go
import inspect


def spam(a, b):
    global fr
    fr = inspect.currentframe()
    p = a
    return b / 0
