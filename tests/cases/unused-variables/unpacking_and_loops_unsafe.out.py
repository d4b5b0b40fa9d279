def f(pairs):
    a, _ = pairs[0]
    first, *_ = pairs
    [c, _] = pairs[1]
    for key, _ in pairs:
        print(key)
    for _ in range(3):
        pass
    return a, first, c
