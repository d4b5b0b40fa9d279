def resize(width: int, height: int, *, keep_ratio: bool = False) -> tuple:
    """Resize the canvas.

    A longer description that stays exactly as written.

    Parameters
    ----------
    width : int
        New width in pixels.
        Continues on a second line.
    height : int
        TODO: describe.
    keep_ratio : bool
        TODO: describe.

    Returns
    -------
    tuple
        The canvas.
    """
    return width, height, keep_ratio


def only_summary(value):
    """Only a summary: left alone even with update."""
    return value


def returns_only(value, scale):
    """Scale a value.

    Parameters
    ----------
    value
        TODO: describe.
    scale
        TODO: describe.

    Returns
    -------
    float
        The scaled value.
    """
    return value * scale


class Shape:
    """A shape.

    Parameters
    ----------
    sides
        Number of sides.
    color
        TODO: describe.
    """

    def __init__(self, sides, color):
        self.sides = sides
        self.color = color


def complete(a, b):
    """Nothing to add.

    Parameters
    ----------
    a, b
        The two values.
    """
    return a, b
