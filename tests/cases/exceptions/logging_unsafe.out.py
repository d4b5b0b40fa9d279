import logging
from logging import getLogger

import structlog

LOG = logging.getLogger(__name__)
audit = getLogger("audit")
events = structlog.get_logger()


class Service:
    def __init__(self):
        self.logger = logging.getLogger("service")

    def run(self, g, parser):
        try:
            return g()
        except ValueError as err:
            self.logger.exception("failed: %s", err)
            LOG.exception("failed")
            audit.exception("failed")
            events.exception("failed")
            logging.exception("failed")
            logging.getLogger("x").exception("failed")
            LOG.error("failed", exc_info=False)
            parser.error("not a logger")
            LOG.error("kept")  # noqa: TRY400
            return None

    def outside(self):
        LOG.error("no exception is being handled")
        try:
            pass
        finally:
            LOG.error("not in a handler")
