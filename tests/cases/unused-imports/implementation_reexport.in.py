"""The public face of _ssl: no __all__, so what it imports from _ssl is its API."""
from _ssl import OPENSSL_VERSION, RAND_status, _OPENSSL_API_VERSION
from ._bootstrap import ModuleSpec
from os import sep
import _thread


def version():
    return 1
