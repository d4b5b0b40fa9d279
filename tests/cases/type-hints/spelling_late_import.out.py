from typing import Any


def early(value: Any) -> Any:
    return value


# bound only after `early` is defined: its annotations cannot use these


def late(value: Any) -> Any:
    return value
