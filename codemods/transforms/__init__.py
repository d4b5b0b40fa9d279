"""Built-in codemods: one module per codemod, named after its id.

Each module holds the declaration (a ``codemods.contract.Codemod`` subclass), its
documentation (the module docstring), examples and a cheap detector. None of them
imports libcst; the rewriter each names lives in ``codemods/rewriters/``.
"""
