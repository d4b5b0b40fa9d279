import functools
import math
import statistics


@functools.wraps(print)
def show(x=math.tau):
    return x
