import logging

log = logging.getLogger(__name__)


def setup():
    log.info("ready")


def stop(force=False):
    if not force:
        return
    log.info("stopping")


def close(handle):
    if handle is None:
        return None
    handle.close()


def check(value):
    if value < 0:
        raise ValueError(value)
    log.debug("ok %s", value)


def fail(message):
    raise RuntimeError(message)


def serve(queue):
    while True:
        queue.pop()


def outer():
    def inner(x):
        log.info(x)

    inner(1)
