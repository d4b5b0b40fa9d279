def f():
    fails = 1 / 0
    mixed = "a" + 1
    huge = "a" * 10**10
    slow = 2 ** 10**8
    overflow = 10.0 ** 400
    return 0
