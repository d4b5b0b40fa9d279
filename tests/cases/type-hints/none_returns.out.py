import logging
from typing import Any

log = logging.getLogger(__name__)


def setup() -> None:
    log.info("ready")


def stop(force: bool = False) -> None:
    if not force:
        return
    log.info("stopping")


def close(handle: Any) -> None:
    if handle is None:
        return None
    handle.close()


def check(value: Any) -> None:
    if value < 0:
        raise ValueError(value)
    log.debug("ok %s", value)


def fail(message: Any) -> Any:
    raise RuntimeError(message)


def serve(queue: Any) -> None:
    while True:
        queue.pop()


def outer() -> None:
    def inner(x: Any) -> None:
        log.info(x)

    inner(1)
