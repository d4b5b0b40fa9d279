from gettext import gettext as _


def f(pairs):
    a, b = pairs[0]
    for i in range(3):
        print(_("hello"))
    return a
