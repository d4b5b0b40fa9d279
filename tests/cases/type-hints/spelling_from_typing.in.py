"""A module that imports names from typing."""
from typing import Dict


def build(size):
    return Dict


def pairs(items):
    for item in items:
        yield item
