from os import sep, getcwd, listdir, walk
from json import dumps, loads

__all__ = ["sep"]
__all__ += ["getcwd"]
__all__.extend(["listdir", "dumps"])
__all__.append("walk")
__all__ = __all__ + ["loads"]
