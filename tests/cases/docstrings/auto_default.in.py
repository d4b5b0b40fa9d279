def undocumented(first, second):
    """Only a summary: no style to follow."""
    return first + second


def another(first):
    return first
