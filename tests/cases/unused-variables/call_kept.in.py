async def f(queue):
    x = compute()
    y = await queue.get()
    z: int = compute()
    return 0


def gen():
    value = yield
    return 1
