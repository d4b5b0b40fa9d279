import functools


def _callback(eventName):
    return eventName


HANDLERS = {"x": _callback}


def register(app):
    @app.route("/")
    def indexPage():
        return "ok"

    def helper_fn(pathName):
        return pathName

    app.add(helper_fn)
    return indexPage


@functools.lru_cache()
def _cached(keyValue):
    return keyValue


def _decorated_later():
    pass


_decorated_later = functools.wraps(_cached)(_decorated_later)
