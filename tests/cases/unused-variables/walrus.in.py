def f(data):
    if (n := len(data)) > 3:
        pass
    total = 0
    values = [total := total + x for x in data]
    return values
