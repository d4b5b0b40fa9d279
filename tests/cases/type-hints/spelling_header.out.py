#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

import sys
from typing import Any


def main(argv: Any) -> int:
    return len(argv)
