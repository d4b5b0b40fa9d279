import os

LIMIT = 10


def f(param, flag):
    compute()
    if flag:
        maybe = 1
    g = maybe
    h = undefined_name
    return 0
