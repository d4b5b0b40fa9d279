def f():
    declared: int
    counted: int = 0
    loaded: list = load()
    return 1
