def f(path):
    with open(path) as handle, lock() as held:
        return handle.read()


async def g():
    async with session() as s:
        pass
