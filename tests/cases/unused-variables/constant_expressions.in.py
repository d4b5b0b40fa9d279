def f():
    seconds = 60 * 60 * 24
    ruler = "-" * 40
    mask = ~0 & 0xFF
    size = 2 ** 8
    pair = (1, 2) + (3,)
    both = (1 + 1, "a" "b")
    negative = -(3 - 5)
    fails = 1 / 0
    mixed = "a" + 1
    huge = "a" * 10**10
    slow = 2 ** 10**8
    overflow = 10.0 ** 400
    return 0
