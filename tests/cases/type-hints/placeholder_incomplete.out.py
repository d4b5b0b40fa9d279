import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import Incomplete


def load(path: "Incomplete", strict: bool = True) -> "Incomplete":
    with open(path) as handle:
        return json.load(handle)
