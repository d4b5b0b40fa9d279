import os
from json import dumps
from . import helpers

__all__ = ["dumps"] + helpers.__all__
