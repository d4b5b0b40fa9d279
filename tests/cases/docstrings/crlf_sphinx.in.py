def windows(path: str) -> str:
    return path


class Crlf:
    def __init__(self, value):
        self.value = value
