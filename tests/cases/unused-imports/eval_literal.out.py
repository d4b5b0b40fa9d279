import math


def run():
    return eval("math.pi")
