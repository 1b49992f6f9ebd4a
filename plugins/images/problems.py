"""Problems for editors, and how the build reports them.

A problem is a message code of rart.messages with its values (picklable: worker processes
return them). Pelican's --fatal turns a logged error into an exception that it prints with a
traceback; editors need the message alone, naming the file, the line and what to do. So a
problem is logged once and, when the logger says the build must stop, the build stops quietly
there."""

from __future__ import annotations

import logging
from collections.abc import Mapping


class ImageProblem(ValueError):
    """Something an editor must fix: a message code and its values."""

    def __init__(self, code: str, params: Mapping[str, object] | None = None):
        super().__init__(code, dict(params or {}))

    @property
    def code(self) -> str:
        return self.args[0]

    @property
    def params(self) -> dict:
        return self.args[1]


def report(logger: logging.Logger, level: int, message: str) -> None:
    """Log ``message``; if Pelican's --fatal makes this level fatal, exit with status 1."""
    try:
        logger.log(level, message)
    except RuntimeError:  # pelican.log.FatalLogger: "Warning or error encountered"
        raise SystemExit(1) from None


def stop(logger: logging.Logger, message: str) -> None:
    """Log ``message`` and end the build whatever --fatal says: nothing sensible can follow."""
    report(logger, logging.ERROR, message)
    raise SystemExit(1)
