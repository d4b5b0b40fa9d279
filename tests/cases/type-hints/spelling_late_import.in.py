def early(value):
    return value


# bound only after `early` is defined: its annotations cannot use these
from typing import Any as A, Optional
import typing as t


def late(value):
    return value
