"""Stub imports of every shape: dotted modules, from-imports, third-party."""
import json


def f(a, b, c, d):
    pass


class Config:
    def load(self, path, strict=True):
        with open(path) as handle:
            return json.load(handle)

    def unknown(self, x):
        return x
