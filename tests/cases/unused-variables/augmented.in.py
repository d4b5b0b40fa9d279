def f():
    total = 0
    total += 1
    count = 0
    for _ in range(3):
        count += 1
