from os import sep, getcwd, listdir, walk
from json import dumps, loads
from re import compile, escape

__all__ = ["sep"]
__all__ += ["getcwd"]
__all__.extend(["listdir", "dumps"])
__all__.append("walk")
__all__ = __all__ + ["loads"]
