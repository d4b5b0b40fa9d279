from .core import run
import os

__all__ = ["run"]


def main():
    return run()
