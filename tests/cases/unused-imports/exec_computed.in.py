import math


def run(code):
    exec(code)
