from _thread import allocate_lock

__all__ = ["allocate_lock"]


def version():
    return 1
