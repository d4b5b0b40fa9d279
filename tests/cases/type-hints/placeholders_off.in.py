def load(path, retries=3):
    return open(path).read()


def save(path, data):
    with open(path, "w") as handle:
        handle.write(data)


def untyped(a, b):
    return a + b
