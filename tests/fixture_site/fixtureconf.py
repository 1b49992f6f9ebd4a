"""Fixture site: the project's settings, a small invented corpus, small pages for pagination."""

import os
import runpy

FIXTURE = os.path.dirname(os.path.abspath(__file__))
# The project's settings, as if `from pelicanconf import *`.
globals().update(
    {name: value for name, value in runpy.run_path(
        os.path.join(os.path.dirname(os.path.dirname(FIXTURE)), "pelicanconf.py")).items()
     if name.isupper()}
)

PATH = os.path.join(FIXTURE, "content")
DEFAULT_PAGINATION = 2
