import numbers
from typing import Optional, Union


def mean(values: list, weights: Optional[list] = None, skip: int = 0) -> float:
    """Weighted mean.

    Parameters
    ----------
    values : list
        The values.
    weights : list, optional
        Weights, one per value.
    skip : int
        How many to skip.

    Returns
    -------
    float
        The mean.
    """
    values = values[skip:]
    if weights is None:
        return sum(values) / len(values)
    return sum(v * w for v, w in zip(values, weights)) / sum(weights)


def is_number(value: Union[numbers.Number, str]) -> bool:
    """Check.

    Parameters
    ----------
    value : numbers.Number or str
        Anything.

    Returns
    -------
    bool
    """
    return isinstance(value, numbers.Number)
