def names_here():
    return dir()


def names_of(obj):
    return dir(obj)
