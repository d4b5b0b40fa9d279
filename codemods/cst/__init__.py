"""libcst helpers shared by several codemods' rewriters: the rewriter base class,
cheaper metadata providers, the fast traversal, scope usage for the "unused"
codemods, and statement removal. Imported only once a file needs libcst."""
