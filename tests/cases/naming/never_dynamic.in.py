def formatted():
    userName = "ada"
    return "%(userName)s" % locals()


def evaluated(expressionText):
    localValue = 2
    return eval(expressionText)


def attributes(obj):
    return getattr(obj, "_fieldName"), setattr(obj, "otherField", 1)


def _fieldName():
    return 1


def _viaKwargs(someOption=None):
    return someOption


def call_it():
    return _viaKwargs(**{"someOption": 1})
