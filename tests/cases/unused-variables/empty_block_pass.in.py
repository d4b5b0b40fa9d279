def f(flag):
    if flag:
        x = 1
    else:
        y = compute()
    while flag:
        z = 2
    if flag: w = 3
    return 0
