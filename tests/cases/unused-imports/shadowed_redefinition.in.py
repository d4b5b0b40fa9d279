"""Imports rebound before anything reads them are dead (pyflakes F811)."""
from json import dumps
from json import loads
import os
from typing import List
from textwrap import dedent
from textwrap import indent
from collections import OrderedDict
from functools import partial
from pprint import pformat

__all__ = ["dumps", "indent"]


def show(value):  # defined before the redefinition, called after it: reads the redefinition
    return pformat(value)


def pformat(value):
    return "<%s>" % (value,)


def dumps(obj):
    return "<%s>" % (obj,)


class loads:  # a class statement rebinds too
    def __init__(self, text):
        self.text = text


List = list
dedent = str.strip


def indent(text, prefix="> "):  # only the redefinition is exported and read
    return prefix + text


OrderedDict = partial(OrderedDict, [])  # the value reads the import: kept


def main():
    return dumps(1), show(2), loads("x").text, os.sep, List("ab"), dedent(" y "), indent("z"), OrderedDict()


def local():
    from json import loads
    def loads(text):
        return text
    return loads("x")
