def f(path):
    with open(path) as handle, lock():
        return handle.read()


async def g():
    async with session():
        pass
