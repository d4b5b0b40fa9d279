"""codemods: scope-aware libcst rewrites for what code reviews keep flagging.

Importing this package is deliberately cheap: nothing here imports libcst.
"""

__version__ = "0.1.0"
