import os
import sys


def describe(name):
    template = "{name} on {sys} with %(os)s"
    return interpolate(template)
