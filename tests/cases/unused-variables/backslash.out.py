def f():
    compute()
    z = 2
    return z
