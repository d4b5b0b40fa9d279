import math
import os


def run():
    return eval("math.pi")
