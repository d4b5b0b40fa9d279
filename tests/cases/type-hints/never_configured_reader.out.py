from myframework import expose
from typing import Any


@expose
def handler(request, limit=10):
    return limit


def helper(limit: int = 10) -> Any:
    return limit
