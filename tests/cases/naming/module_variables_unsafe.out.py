"""Module variables left out of __all__ are still public: other code may set them."""

__all__ = ["render"]

log_threads = True  # assigned from outside: ``module.logThreads = False``
_cache_size = 16


def render(text):
    return _format_text(text) if log_threads else text[:_cache_size]


def _format_text(raw_text):
    return raw_text.upper()


def helper_func(value):  # left out of __all__: private
    return value


class HelperBox:  # left out of __all__: private
    pass
