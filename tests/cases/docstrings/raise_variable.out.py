def check_state(state):
    """Check state.

    Args:
        state: TODO: describe.

    Raises:
        RuntimeError: TODO: describe.
    """
    problem = RuntimeError(state)
    if state:
        raise problem


def reraise_given(error):
    """Run reraise given.

    Args:
        error: TODO: describe.
    """
    raise error
