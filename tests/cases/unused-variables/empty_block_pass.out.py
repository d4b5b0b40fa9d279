def f(flag):
    if flag:
        pass
    else:
        compute()
    while flag:
        pass
    if flag: pass
    return 0
