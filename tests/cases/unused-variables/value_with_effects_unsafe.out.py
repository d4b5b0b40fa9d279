def f(self, n, mapping, key, g):
    called = g(n) * 2
    label = f"{n} items"
    squares = [i * i for i in range(n)]
    return 0
