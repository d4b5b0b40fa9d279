def closures(items):
    prefix = ">"
    key = len
    offset = 1
    fmt = "{}"

    def show(item):
        return prefix + str(item)

    class Local:
        label = fmt

    def deferred(n=offset):
        return n

    return show, sorted(items, key=lambda item: key(item)), Local, deferred


def later(flag):
    result = None
    if flag:
        result = 1
    return result


def in_loop(items):
    for item in items:
        if item:
            print(previous)
        previous = item


def deleted():
    temp = 1
    del temp
