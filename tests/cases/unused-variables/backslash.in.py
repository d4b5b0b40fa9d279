def f():
    x = \
        compute()
    y = 1; \
        z = 2
    return z
