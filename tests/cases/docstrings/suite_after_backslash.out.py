class A:
    """A."""

    pass
