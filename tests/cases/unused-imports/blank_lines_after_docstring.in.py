#!/usr/bin/env python
"""Tool."""

import os

# the one we need
import sys


def main():
    return sys.argv
