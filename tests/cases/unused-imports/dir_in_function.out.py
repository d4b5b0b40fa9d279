def names_here():
    import json
    return dir()


def names_of(obj):
    return dir(obj)
