import inspect


def callers():
    marker = "here"
    return [info.frame for info in inspect.stack()]
