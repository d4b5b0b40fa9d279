def f():
    compute()
    unused_ok = 1
    return 0
