#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

import sys


def main(argv):
    return len(argv)
