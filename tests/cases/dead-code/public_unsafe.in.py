def helper():
    return _inner()


def _inner():
    return 1


class Widget:
    size = 3

    def draw(self):
        return self.size
