def f(pairs):
    a, b = pairs[0]
    first, *rest = pairs
    [c, d] = pairs[1]
    for key, value in pairs:
        print(key)
    for i in range(3):
        pass
    with open("x") as (h, t):
        pass
    return a, first, c
