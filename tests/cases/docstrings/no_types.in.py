def scale(value: float, factor: float = 2.0) -> float:
    return value * factor
