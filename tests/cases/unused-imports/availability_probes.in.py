try:
    import ujson as json
except ImportError:
    pass

try:
    import tomllib
except ModuleNotFoundError:
    tomllib = None

try:
    from lxml import etree
except (ValueError, ImportError):
    etree = None

try:
    pass
except:
    pass

import contextlib
with contextlib.suppress(ImportError):
    pass


def probe():
    try:
        import yaml
    except ImportError:
        return False
    return True
