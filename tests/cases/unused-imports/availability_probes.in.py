try:
    import ujson as json
except ImportError:
    import json

try:
    import tomllib
except ModuleNotFoundError:
    tomllib = None

try:
    from lxml import etree
except (ValueError, ImportError):
    etree = None

try:
    import readline
except:
    pass

import contextlib
with contextlib.suppress(ImportError):
    import numpy


def probe():
    try:
        import yaml
    except ImportError:
        return False
    return True
