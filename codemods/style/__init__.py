"""What the project's formatter and linters decide about the code a fix writes: the
line length and the formatter (``settings``, libcst-free), read from their own
configuration files so that a fix passes them."""
