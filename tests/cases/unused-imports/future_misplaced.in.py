"""CPython refuses this module: removing `import foo` would make it compile."""
from __future__ import nested_scopes
from __future__ import nested_scopes


def f():
    pass
