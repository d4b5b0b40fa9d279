def f(items):
    itemCount = len(items)  # codemod: ignore[naming]
    doubleCount = itemCount * 2
    return doubleCount
