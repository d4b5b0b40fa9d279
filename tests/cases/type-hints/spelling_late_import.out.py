from typing import Any


def early(value: Any) -> Any:
    return value


# bound only after `early` is defined: its annotations cannot use these
from typing import Any as A, Optional
import typing as t


def late(value: Any) -> Any:
    return value
