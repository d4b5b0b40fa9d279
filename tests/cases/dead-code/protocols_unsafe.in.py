class Stream:
    def read(self, size=-1):
        return b""

    def seekable(self):
        return False

    def rewind_twice(self):
        return None


class Finder:
    def find_spec(self, fullname, path, target=None):
        return None

    def exec_module(self, module):
        pass


STREAM = Stream()
FINDER = Finder()
