def f(items):
    itemCount = len(items)  # codemod: ignore[naming]
    double_count = itemCount * 2
    return double_count
