def f():
    a = 1  # noqa
    b = 2  # noqa: F841
    d = 4  # codemod: ignore[unused-variables]
    return 0
