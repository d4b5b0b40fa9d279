def resize(width: int, height: int, *, keep_ratio: bool = False) -> tuple:
    """Resize the canvas.

    A longer description that stays exactly as written.

    :param width: New width in pixels.
        Continues on a second line.
    :type width: int
    :param height: TODO: describe.
    :type height: int
    :param keep_ratio: TODO: describe.
    :type keep_ratio: bool
    :returns: The canvas.
    """
    return width, height, keep_ratio


def only_summary(value):
    """Only a summary: left alone even with update."""
    return value


def returns_only(value, scale):
    """Scale a value.

    :param value: TODO: describe.
    :param scale: TODO: describe.
    :returns: The scaled value.
    """
    return value * scale


class Shape:
    """A shape.

    :param sides: Number of sides.
    :param color: TODO: describe.
    """

    def __init__(self, sides, color):
        self.sides = sides
        self.color = color


def complete(a, b):
    """Nothing to add.

    :param a: First.
    :param b: Second.
    """
    return a, b
