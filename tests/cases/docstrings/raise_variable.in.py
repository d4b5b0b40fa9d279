def check_state(state):
    problem = RuntimeError(state)
    if state:
        raise problem


def reraise_given(error):
    raise error
