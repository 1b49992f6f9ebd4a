"""The one date a build may use besides the content's own: SOURCE_DATE_EPOCH when it is set
(reproducible builds: CI sets it to the commit's time), else the Unix epoch. Nothing in the
build reads the clock, so two builds of one commit are byte-identical."""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
