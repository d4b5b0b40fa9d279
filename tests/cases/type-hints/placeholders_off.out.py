def load(path, retries: int = 3):
    return open(path).read()


def save(path, data) -> None:
    with open(path, "w") as handle:
        handle.write(data)


def untyped(a, b):
    return a + b
