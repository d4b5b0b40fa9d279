def f(obj):
    b = compute()
    obj.attr = d = 0
    return b, d
