def resize_forbidden():
    b = bytearray(range(10))
    v = memoryview(b)
    handle = open(__file__)
    result = compute()
    b[1:-1] = range(3)


def watch(obj, callback):
    import weakref
    wr = weakref.ref(obj, callback)
    return obj
