def names_here():
    import json
    return dir()


def names_of(obj):
    import json
    return dir(obj)
