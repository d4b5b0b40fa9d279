"""CPython refuses this module: removing `import foo` would make it compile."""
from __future__ import nested_scopes
import foo
from __future__ import nested_scopes


def f():
    import json
