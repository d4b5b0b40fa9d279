def first(items):
    for item in items:
        return item
        print("never")  # not reached
    raise ValueError("empty")
    return None


def loop(items):
    total = 0
    for item in items:
        if item:
            continue
            total += 1
        total += item
    while True:
        break; total = -1
    return total


def empty_generator():
    return
    yield


def makes_local():
    return limit
    limit = 3


def declared():
    return
    global counter


def rebinds():
    value = 1
    return value
    value = 2


def nested_def():
    return 1

    def helper():
        yield 2
