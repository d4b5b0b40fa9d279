"""What the project's formatter and linters decide: line length, import order, ..."""
