#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

from typing import Any


def main(argv: Any) -> int:
    return len(argv)
