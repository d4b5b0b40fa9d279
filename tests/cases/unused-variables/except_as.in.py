def f():
    try:
        risky()
    except (KeyError, ValueError) as error:
        return None
    except OSError as used:
        return used
    try:
        risky()
    except* TypeError as group:
        pass
