# A returned call is typed from the builtin only where the name means the builtin
# inside the body; a parameter or local of that name is something else.


def measure(len=len):
    return len([])


def convert(str=None):
    return str(1) if str else ""


def check():
    isinstance = lambda value, kind: 1
    return isinstance(1, int)


def counted(items):
    return len(items)


class Units:
    # `int` in an annotation of a method means this attribute, not the builtin
    int = "unit"

    def sizes(self):
        yield 1

    def size(self):
        return 1
