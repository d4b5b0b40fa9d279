def scale(value: float, factor: float = 2.0) -> float:
    """Scale.

    Args:
        value: FIXME.
        factor: FIXME.

    Returns:
        FIXME.
    """
    return value * factor
