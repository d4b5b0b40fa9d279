from myframework import expose


@expose
def handler(request, limit=10):
    return limit


def helper(limit=10):
    return limit
