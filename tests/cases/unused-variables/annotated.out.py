def f():
    declared: int
    load()
    return 1
