# from test_importlib: the function is called for the ModuleNotFoundError its import raises
def module_code():
    import i_do_not_exist


def loads_plugins():
    """Import the plugins for their registrations."""
    import plugin_a
    from plugins import plugin_b


def does_more():
    return 1
