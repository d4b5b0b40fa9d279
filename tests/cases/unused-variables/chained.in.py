def f(obj):
    a = b = compute()
    c = obj.attr = d = 0
    return b, d
