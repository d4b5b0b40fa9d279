def _looked_up_by_name():
    return 1


def dispatch(name):
    return globals()["_" + name]()
