import atexit
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    def _only_for_types():
        pass

__all__ = ["_exported"]


def _exported():
    pass


@atexit.register
def _registered():
    pass


def _named_in_string():
    pass


def _in_type_comment():
    pass


def _dunder_like__():
    pass


HANDLERS = {"name": "_named_in_string"}
value = None  # type: _in_type_comment


def test_collected():
    pass


class TestCollected:
    def test_method(self):
        pass


if __name__ == "__main__":
    def _main_only():
        pass
