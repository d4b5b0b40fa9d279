def f():
    _ = compute()
    unused_ok = 1
    other = 2
    return 0
