import functools


class Store:
    _kept = None

    def __init__(self):
        self._kept = self._load()

    def _load(self):
        return {}

    def __repr__(self):
        return "Store()"

    def _repr_html_(self):
        return "<b>Store</b>"


class Derived(dict):
    def _not_ours_to_judge(self):
        pass


class Base:
    def _reached_through_subclass(self):
        return 1


class Child(Base):
    def run(self):
        return self._reached_through_subclass()


Child().run()
Store()


class Stream:
    def read(self, size=-1):
        return b""

    def seekable(self):
        return False


class Finder:
    def find_spec(self, fullname, path, target=None):
        return None


STREAM = Stream()
FINDER = Finder()
