"""libcst rewriters of the built-in codemods, imported only for files that need them."""
