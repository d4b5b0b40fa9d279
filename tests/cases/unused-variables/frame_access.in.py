def uses_locals(name):
    greeting = "hi"
    return "{greeting} {name}".format(**locals())


def uses_vars():
    x = 1
    return vars()


def uses_eval():
    y = 2
    return eval("y")


def uses_exec(code):
    z = 3
    exec(code)


def uses_frame():
    import sys
    w = 4
    return sys._getframe().f_locals


def outer():
    v = 5

    def inner():
        return locals()

    return inner
