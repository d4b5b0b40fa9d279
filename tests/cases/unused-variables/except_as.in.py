def f():
    try:
        risky()
    except (KeyError, ValueError):
        return None
    except OSError as used:
        return used
    try:
        risky()
    except* TypeError:
        pass
