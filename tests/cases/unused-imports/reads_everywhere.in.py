"""Reads in every position count.

>>> from_doctest(1)
1
"""
import functools
import math
import string
import decimal
import fractions
import pathlib
import datetime
import ipaddress
import uuid
import numbers
import enum
import textwrap
import typing
import collections.abc
from typing import List, Callable
from doctest_helpers import from_doctest
from typing_helpers import TypeFromComment
from nested import Inner, Deeper, Deepest, ForBuiltin, ForAbc


@functools.lru_cache
def show(x, width=math.pi):
    return f"{x:{string.digits}} {decimal.Decimal!r}"


class Config:
    default = fractions.Fraction(1, 3)


def drop():
    global pathlib
    del pathlib


def annotated(a: "datetime.date", b: List["ipaddress.IPv4Address"]) -> Callable[["uuid.UUID"], None]:
    x = []  # type: List[numbers.Number]
    return x


def nested(a: "typing.Optional[List['Inner']]", b: "List[Deeper['Deepest']]"):
    pass


Alias = list["ForBuiltin"]
AbcAlias = collections.abc.Callable[["ForAbc"], None]


def commented(a, b):
    # type: (enum.Enum, textwrap.TextWrapper) -> TypeFromComment
    pass
