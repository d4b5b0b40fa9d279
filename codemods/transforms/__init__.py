"""Built-in codemods: one package per codemod, named after its id.

``<id>/__init__.py`` holds the declaration (a ``codemods.contract.Codemod``
subclass), its documentation (the module docstring), examples and a cheap ``ast``
detector, and never imports libcst. The libcst rewriter it names sits beside it
(``<id>/rewriter.py``) with its own helpers, imported only for files whose detector
says the codemod may apply.
"""
