def resize(width: int, height: int, *, keep_ratio: bool = False) -> tuple:
    """Resize the canvas.

    A longer description that stays exactly as written.

    Args:
        width (int): New width in pixels.
            Continues on a second line.
        depth: Removed long ago.

    Returns:
        The canvas.
    """
    return width, height, keep_ratio


def only_summary(value):
    """Only a summary: left alone even with update."""
    return value


def returns_only(value, scale):
    """Scale a value.

    Returns:
        The scaled value.
    """
    return value * scale


class Shape:
    """A shape.

    Args:
        sides: Number of sides.
    """

    def __init__(self, sides, color):
        self.sides = sides
        self.color = color


def complete(a, b):
    """Nothing to add.

    Args:
        a: First.
        b: Second.
    """
    return a, b
