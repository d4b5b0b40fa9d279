# Stub TypeVars are defined for type checkers when every slot that uses one takes
# the stub's annotation, and never for methods of a class generic over them.


def first(items, default):
    for item in items:
        return item
    return default


def unique(items):
    return list(set(items))


def pick(x):
    return x


def quoted(x):
    return x


def partial(x: int, y):
    return x


class Box:
    def get(self):
        return None

    def map(self, f):
        return f(None)


class Plain:
    def same(self, x):
        return x
