import os

LIMIT = 10


def f(param, flag):
    first = compute()
    a = param
    b = os
    c = LIMIT
    d = len
    e = first
    if flag:
        maybe = 1
    g = maybe
    h = undefined_name
    return 0
