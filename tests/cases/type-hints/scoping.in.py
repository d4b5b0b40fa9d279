class Shadow:
    str = "label"

    def name(self):
        return "x"

    def __repr__(self):
        return "Shadow()"


def outer(factor=2):
    def scale(value=1.5):
        return value * factor

    class Local:
        def method(self, n=1):
            return n

    return scale, Local


def conditional_type(value):
    """Conditionally bound type.

    :type value: Maybe
    """
    return value


try:
    from decimal import Decimal as Maybe
except ImportError:
    Maybe = float


class Later:
    def clone(self, other):
        """Clone.

        :type other: Later
        :rtype: Later
        """
        return other
