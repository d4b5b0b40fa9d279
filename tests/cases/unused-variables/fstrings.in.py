def f(value):
    width = 10
    precision = 2
    label = "x"
    return f"{label}: {value:{width}.{precision}f} {label=}"
