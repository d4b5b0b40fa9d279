def f(self, n, mapping, key, g):
    tmp = n * 2
    loop = self._loop
    item = mapping[key]
    sep = " " if key else ""
    fails = 1 / 0
    called = g(n) * 2
    label = f"{n} items"
    squares = [i * i for i in range(n)]
    return 0
