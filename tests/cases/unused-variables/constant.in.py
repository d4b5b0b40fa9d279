def f():
    x = 1
    y = "text"
    z = None
    w = (1, -2.5, "a", b"b", ...)
    d = {"a": [1, 2], "b": {3}}
    g = lambda a, b=1: a + b
    return 0
