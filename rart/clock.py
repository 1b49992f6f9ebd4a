"""The one date a build may use besides the content's own: SOURCE_DATE_EPOCH when it is set,
else the Unix epoch. Nothing in the build reads the clock, so two builds of one commit with the
same SOURCE_DATE_EPOCH are byte-identical. The tools (`make html`, `make publish`, the preview)
and CI set it to midnight of the day in the site's time zone (rart_tools.build.todays_epoch):
that day decides which events are still to come (rart.events)."""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
