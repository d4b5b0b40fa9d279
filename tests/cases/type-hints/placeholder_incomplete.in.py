import json


def load(path, strict=True):
    with open(path) as handle:
        return json.load(handle)
