"""Problems for editors, and how the build reports them.

Pelican's --fatal turns a logged error into an exception that it prints with a traceback;
editors need the message alone, naming the file, the line and what to do. So a problem is
logged once and, when the logger says the build must stop, the build stops quietly there."""

from __future__ import annotations

import logging


class ImageProblem(ValueError):
    """Something an editor must fix; the message is in Italian and says what to do."""


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
