import functools
import math


@functools.wraps(print)
def show(x=math.tau):
    return x
