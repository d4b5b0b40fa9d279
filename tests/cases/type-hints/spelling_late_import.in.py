def early(value):
    return value


# bound only after `early` is defined: its annotations cannot use these


def late(value):
    return value
