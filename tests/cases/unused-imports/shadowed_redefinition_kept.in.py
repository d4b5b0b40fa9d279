"""Rebindings that do not make an import dead."""
from typing import TYPE_CHECKING

try:
    from json import dumps
except ImportError:  # a conditional redefinition: the import is what runs
    def dumps(obj):
        return repr(obj)

if TYPE_CHECKING:
    from decimal import Decimal
else:
    Decimal = float

from fractions import Fraction
from string import Template
from textwrap import shorten
from os import sep
from textwrap import dedent


def show(value):
    return Fraction(value), Template("$x").substitute(x=sep)


RESULT = show(1)  # calls a function that reads Fraction while the import is bound


def Fraction(value):
    return value


@shorten.__call__  # a decorator reads it before the name is rebound
def shorten(text):
    return text


if RESULT:
    Template = str  # under an if: the import is still what other paths see


print(dedent("  read before it is rebound"))
dedent = str.strip


def sep_of(path, sep=sep):  # a default reads it first
    return path.split(sep)


def sep():
    return "/"


def later(size: "Decimal") -> str:
    return str(size) + sep_of("a/b")[0] + sep()


def local_closure():  # a closure made before the rebinding reads the import
    from json import loads
    helper = lambda: loads("1")
    loads = str
    return helper()
