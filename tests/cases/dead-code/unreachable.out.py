def first(items):
    for item in items:
        return item
    raise ValueError("empty")


def loop(items):
    total = 0
    for item in items:
        if item:
            continue
        total += item
    while True:
        break
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


def nested_def():
    return 1
