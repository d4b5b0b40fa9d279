from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import Incomplete

    def only_for_types(value):
        pass


def run(value):
    return value
