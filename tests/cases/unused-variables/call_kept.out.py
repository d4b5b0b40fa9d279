async def f(queue):
    compute()
    await queue.get()
    compute()
    return 0


def gen():
    yield
    return 1
