state = None


def f():
    global state
    state = 1


def outer():
    counter = 0

    def bump():
        nonlocal counter
        counter = 1

    return bump
