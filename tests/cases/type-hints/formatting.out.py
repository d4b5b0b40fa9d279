from typing import Any


def spaced ( a: Any , b: int = 1 ) -> Any :
    return a


def commented(
    first: Any,  # the first one
    second: int = 2,  # a default
    *rest: Any,
    # a comment on its own line
    flag: bool = False,
) -> Any:  # trailing
    return first


def one_line(x: int = 1) -> Any: return x


def one_line_none(x: Any) -> None: print(x)


class Tabbed:
	def method(self, value: float = 0.5) -> Any:
		return value

	def other(self) -> Any:
		pass


def default_spaced(x: int = 3) -> Any:
    return x
