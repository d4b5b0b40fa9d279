from typing import Any


class Shadow:
    str = "label"

    def name(self) -> Any:
        return "x"

    def __repr__(self) -> Any:
        return "Shadow()"


def outer(factor: int = 2) -> Any:
    def scale(value: float = 1.5) -> Any:
        return value * factor

    class Local:
        def method(self, n: int = 1) -> Any:
            return n

    return scale, Local


def conditional_type(value: "Maybe") -> Any:
    """Conditionally bound type.

    :type value: Maybe
    """
    return value


try:
    from decimal import Decimal as Maybe
except ImportError:
    Maybe = float


class Later:
    def clone(self, other: "Later") -> "Later":
        """Clone.

        :type other: Later
        :rtype: Later
        """
        return other
