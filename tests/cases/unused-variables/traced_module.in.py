import sys


def tfunc():
    lno = 2
    lno = 3


def run(tracer):
    sys.settrace(tracer)
    tfunc()
    sys.settrace(None)
