def f(self, mapping, key):
    loop = self._loop
    item = mapping[key]
    total = key + 1
    sep = " " if key else ""
    return 0
