def spaced ( a , b = 1 ) :
    return a


def commented(
    first,  # the first one
    second=2,  # a default
    *rest,
    # a comment on its own line
    flag=False,
):  # trailing
    return first


def one_line(x=1): return x


def one_line_none(x): print(x)


class Tabbed:
	def method(self, value=0.5):
		return value

	def other(self):
		pass


def default_spaced(x = 3):
    return x
