"""A function that only passes returns None; a method may be overridden."""


def noop():
    pass


def documented(value):
    """Nothing to do yet."""


def both():
    """Nothing either."""
    pass


def to_write():
    ...


def not_yet():
    raise NotImplementedError


def outer():
    def inner():
        pass

    return inner


class Plugin:
    def hook(self):
        pass

    def documented_hook(self):
        """Subclasses override me."""
