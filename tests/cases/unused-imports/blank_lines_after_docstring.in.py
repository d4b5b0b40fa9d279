#!/usr/bin/env python
"""Tool."""


# the one we need
import sys


def main():
    return sys.argv
