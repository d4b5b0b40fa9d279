# from test_asyncore: the object must live until `f = None`, inside the with block
import warnings


def test_resource_warning(fd):
    f = wrap(fd)
    close(fd)
    with warnings.catch_warnings(record=True):
        f = None
        collect()


def constants_only():
    return 1


def released_elsewhere():
    g = build()
    build()
    g = None
