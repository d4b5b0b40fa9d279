import dis


async def async_def():
    a = 1
    d = 2


def info():
    return dis.code_info(async_def)
