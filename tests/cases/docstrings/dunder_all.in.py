__all__ = ["exported", "Exported"]


def exported(value):
    return value


def not_exported(value):
    return value


class Exported:
    def method(self):
        pass
