"""libcst-free analyses on ``ast`` shared by several codemods' detectors and
cross-file indexes: scopes, module names."""
