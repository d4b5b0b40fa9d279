# from test_importlib: the function is called for the ModuleNotFoundError its import raises
def module_code():
    pass


def loads_plugins():
    """Import the plugins for their registrations."""


def does_more():
    return 1
