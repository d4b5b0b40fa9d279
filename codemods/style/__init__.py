"""What the project's formatter and linters decide about the code a fix writes, read
from their own configuration files so that a fix passes them (libcst-free):
``settings`` (line length and formatter), ``isort`` (import sections and order)."""
