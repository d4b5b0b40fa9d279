from os import sep, getcwd
from json import loads

__all__ = ["sep"]
__all__ += ["getcwd"]
__all__.extend(["listdir", "dumps"])
__all__.append("walk")
__all__ = __all__ + ["loads"]
