def f():
    b = 2
    return b
