from typing import Any

from myframework import expose


@expose
def handler(request, limit=10):
    return limit


def helper(limit: int = 10) -> Any:
    return limit
