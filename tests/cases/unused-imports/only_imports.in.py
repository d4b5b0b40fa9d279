"""A module that only imports: it exists to re-export, or to load what it imports."""
from .rebinding2 import util
import os
from json import dumps
