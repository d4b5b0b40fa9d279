import collections
from typing import TypeVar
from xml.dom.minidom import parseString as parseXML

__all__ = ["_exportedHelper"]
__versionInfo__ = (1, 0)
MAX_RETRIES = 3
itemT = TypeVar("itemT")
_pointTuple = collections.namedtuple("_pointTuple", "x y")
HTTPClient = None


def _exportedHelper(rawText):
    return parseXML(rawText)
