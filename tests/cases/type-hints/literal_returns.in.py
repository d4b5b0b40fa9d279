def answer():
    return 42


def ratio(flag):
    if flag:
        return 1
    return 0.5


def find(items, key):
    for item in items:
        if item == key:
            return "found"
    return None


def first_positive(items):
    for item in items:
        if item > 0:
            return 1


def describe(value):
    return "value: %s" % (value,)


def joined(parts):
    return ", ".join(parts)


def negated(value):
    return not value


def member(value, pool):
    return value in pool


def size(items):
    return len(items)


def mixed(flag):
    if flag:
        return "yes"
    return 0


def computed(a, b):
    return a + b


def greeting(name):
    return f"hello {name}"


def raw():
    return b"\x00" b"\x01"


def shadowed_len(items):
    len = 3
    return len
