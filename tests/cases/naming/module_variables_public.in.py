"""Module variables left out of __all__ are still public: other code may set them."""

__all__ = ["render"]

logThreads = True  # assigned from outside: ``module.logThreads = False``
_cacheSize = 16


def render(text):
    return _formatText(text) if logThreads else text[:_cacheSize]


def _formatText(rawText):
    return rawText.upper()


def helperFunc(value):  # left out of __all__: private
    return value


class helper_box:  # left out of __all__: private
    pass
