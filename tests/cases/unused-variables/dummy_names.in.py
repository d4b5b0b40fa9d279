def f():
    _ = compute()
    _ignored = 1
    __tracebackhide__ = True
    return 0
