class Service:
    def __init__(self, host):
        self.host = host

    def __eq__(self, other):
        return self.host == other.host

    def _connect(self, retries):
        return retries


def _internal(value):
    def nested(inner):
        return inner
    return nested(value)


def public(value):
    class Local:
        def method(self):
            return value
    return Local
