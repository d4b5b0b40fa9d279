__all__ = ["exported", "Exported"]


def exported(value):
    """Return exported.

    Args:
        value: TODO: describe.

    Returns:
        TODO: describe.
    """
    return value


def not_exported(value):
    return value


class Exported:
    """Exported."""

    def method(self):
        """Run method."""
        pass
